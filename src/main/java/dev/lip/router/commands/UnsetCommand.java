package dev.lip.router.commands;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/** {@code unset(key, …)}: returns session settings to their defaults. */
final class UnsetCommand extends BaseCommand {
  UnsetCommand() {
    super("unset", "unset(key, …)",
        "return session settings to their defaults", false);
  }

  @Override
  public Future<String> run(Arguments arguments, CommandContext context) {
    if (!arguments.named().isEmpty() || arguments.positional().isEmpty()) {
      throw new CommandException("expected setting names, as in unset(temperature, top-p); keys: " + Setting.known());
    }
    List<String> cleared = new ArrayList<>();
    for (String key : arguments.positional()) {
      Setting setting = Setting.of(key);
      if (setting.routing()) {
        context.requireRoutable();
      }
      setting.clear(context.session());
      cleared.add(setting.label());
    }
    return Future.succeededFuture("Back to defaults: " + String.join(", ", cleared));
  }
}
