package dev.lip.router.commands;

import io.vertx.core.Future;

/** {@code backend(name)}: routes the session to a backend instance; {@code backend()} goes back to the default. */
final class BackendCommand extends BaseCommand {
  BackendCommand() {
    super("backend", "backend(name)",
        "route this session to a backend instance; backend() returns to the default", true);
  }

  @Override
  public Future<String> run(Arguments arguments, CommandContext context) {
    String name = Values.single(arguments, "name", usage());
    context.session().model = null;
    context.session().route = null;
    if (name == null) {
      context.session().backend = null;
      return Future.succeededFuture("Backend reset to the default; requests now go to " + context.effective().get());
    }
    context.session().backend = checkBackend(name, context);
    return Future.succeededFuture("Backend set to " + name + "; requests now go to " + context.effective().get());
  }

  /** {@code name} when it is a configured backend instance. */
  static String checkBackend(String name, CommandContext context) {
    if (!context.config().backends().containsKey(name)) {
      throw new CommandException("unknown backend '" + name + "' (configured: "
          + String.join(", ", context.config().backends().keySet()) + ")");
    }
    return name;
  }
}
