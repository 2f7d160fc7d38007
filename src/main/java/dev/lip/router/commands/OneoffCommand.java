package dev.lip.router.commands;

import io.vertx.core.Future;

/** {@code oneoff(backend:model)}: the next request goes there, then the session's route resumes. */
final class OneoffCommand implements Command {
  @Override
  public String name() {
    return "oneoff";
  }

  @Override
  public String usage() {
    return "oneoff(backend:model)";
  }

  @Override
  public String summary() {
    return "send only the next request to another backend:model";
  }

  @Override
  public boolean routing() {
    return true;
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
