package dev.lip.router.commands;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code set(key=value, …)}: changes session settings; the reply lists what changed. */
final class SetCommand extends BaseCommand {
  SetCommand() {
    super("set", "set(key=value, …)",
        "change session settings: " + Setting.known(), false);
  }

  @Override
  public Future<String> run(Arguments arguments, CommandContext context) {
    if (!arguments.positional().isEmpty() || arguments.named().isEmpty()) {
      throw new CommandException("expected key=value pairs, as in set(temperature=0.2, top-p=0.9); keys: "
          + Setting.known());
    }
    List<String> changes = new ArrayList<>();
    for (Map.Entry<String, String> entry : arguments.named().entrySet()) {
      Setting setting = Setting.of(entry.getKey());
      if (setting.routing()) {
        context.requireRoutable();
      }
      changes.add(setting.label() + "=" + setting.apply(context.session(), entry.getValue(), context));
    }
    return Future.succeededFuture("Set " + String.join(", ", changes));
  }
}
