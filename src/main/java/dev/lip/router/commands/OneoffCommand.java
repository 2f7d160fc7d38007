package dev.lip.router.commands;

import io.vertx.core.Future;

/** {@code oneoff(backend:model)}: the next request goes there, then the session's route resumes. */
final class OneoffCommand extends BaseCommand {
  OneoffCommand() {
    super("oneoff", "oneoff(backend:model)",
        "send only the next request to another backend:model", true);
  }

  @Override
  public Future<String> run(Arguments arguments, CommandContext context) {
    String selector = Values.single(arguments, "selector", usage());
    if (selector == null) {
      throw new CommandException("name the target, as in " + usage());
    }
    context.session().oneoff = context.selectors().check(selector);
    return Future.succeededFuture("The next request goes to " + context.session().oneoff
        + "; later ones to " + context.effective().get());
  }
}
