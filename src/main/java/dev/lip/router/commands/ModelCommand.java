package dev.lip.router.commands;

import dev.lip.router.selector.SelectorParser;
import dev.lip.session.SessionEditor;
import io.vertx.core.Future;

/**
 * {@code model(name)} or {@code model(backend:model)} pins the session's model (and backend);
 * {@code model()} unpins it.
 */
final class ModelCommand extends BaseCommand {
  ModelCommand() {
    super("model", "model(name) or model(backend:model)",
        "pin the model (and backend) of this session; model() unpins it", true);
  }

  @Override
  public Future<String> run(Arguments arguments, CommandContext context) {
    String model = Values.single(arguments, "name", usage());
    if (model == null) {
      context.session().model = null;
      return Future.succeededFuture("Model unpinned; requests now go to " + context.effective().get());
    }
    pin(context.session(), model, context);
    return Future.succeededFuture("Model set to " + model + "; requests now go to " + context.effective().get());
  }

  /** Pins {@code model}: a {@code backend:model} selector also sets the backend. */
  static void pin(SessionEditor session, String model, CommandContext context) {
    String checked = context.selectors().check(model);
    if (checked.indexOf('|') >= 0 || checked.indexOf('^') >= 0) {
      throw new CommandException("a model is one target; use route(" + checked + ") for failover");
    }
    String backend = SelectorParser.parse(checked, context.config().backends().keySet()).backend();
    if (backend != null) {
      session.backend = backend;
    }
    session.model = checked;
    session.route = null;
  }
}
