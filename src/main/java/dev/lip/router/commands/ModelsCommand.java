package dev.lip.router.commands;

import dev.lip.bus.ModelCatalog;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/** {@code models}: every routable model, as {@code backend:model} selectors. */
final class ModelsCommand extends BaseCommand {
  private static final int MAX_LISTED = 500;

  ModelsCommand() {
    super("models", "models",
        "list the models the backends offer, as backend:model", false);
  }

  @Override
  public Future<String> run(Arguments arguments, CommandContext context) {
    return context.catalog().get().map(catalog -> {
      List<ModelCatalog.Entry> entries = catalog.entries();
      if (entries.isEmpty()) {
        return "No backend lists any model right now.";
      }
      List<String> lines = new ArrayList<>();
      lines.add("Models (" + entries.size() + "):");
      for (ModelCatalog.Entry entry : entries.subList(0, Math.min(MAX_LISTED, entries.size()))) {
        lines.add("- " + entry.selector());
      }
      if (entries.size() > MAX_LISTED) {
        lines.add("… and " + (entries.size() - MAX_LISTED) + " more");
      }
      return String.join("\n", lines);
    });
  }
}
