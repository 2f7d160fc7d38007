package dev.lip.router.commands;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/** {@code unset(key, …)}: returns session settings to their defaults. */
final class UnsetCommand implements Command {
  @Override
  public String name() {
    return "unset";
  }

  @Override
  public String usage() {
    return "unset(key, …)";
  }

  @Override
  public String summary() {
    return "return session settings to their defaults";
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
