package dev.lip.router.commands;

import dev.lip.config.BackendConfig;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/** {@code backends}: the configured backend instances. */
final class BackendsCommand extends BaseCommand {
  BackendsCommand() {
    super("backends", "backends",
        "list the configured backends", false);
  }

  @Override
  public Future<String> run(Arguments arguments, CommandContext context) {
    List<String> lines = new ArrayList<>();
    lines.add("Backends:");
    String defaultBackend = context.config().defaultBackend();
    for (BackendConfig backend : context.config().backends().values()) {
      String marks = (defaultBackend.equals(backend.name()) || defaultBackend.startsWith(backend.name() + ":")
          ? " [default]" : "") + (backend.name().equals(context.session().backend) ? " [this session]" : "");
      lines.add("- " + backend.name() + " (" + backend.type() + "): "
          + (backend.models().isEmpty() ? "any model" : String.join(", ", backend.models())) + marks);
    }
    return Future.succeededFuture(String.join("\n", lines));
  }
}
