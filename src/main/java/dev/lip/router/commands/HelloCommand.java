package dev.lip.router.commands;

import io.vertx.core.Future;

/** {@code hello}: the welcome banner. */
final class HelloCommand extends BaseCommand {
  HelloCommand() {
    super("hello", "hello",
        "show the welcome banner", false);
  }

  @Override
  public Future<String> run(Arguments arguments, CommandContext context) {
    return Future.succeededFuture("Hello from LLM Interactive Proxy. Session " + context.sessionId()
        + "; requests go to " + context.effective().get() + ". " + context.config().backends().size()
        + " backend(s) configured. Type " + context.prefix() + "help for the commands.");
  }
}
