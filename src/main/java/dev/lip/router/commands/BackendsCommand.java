package dev.lip.router.commands;

import dev.lip.bus.BackendHealth;
import dev.lip.config.BackendConfig;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;

/** {@code backends}: the configured backend instances. */
final class BackendsCommand extends BaseCommand {
  BackendsCommand() {
    super("backends", "backends",
        "list the configured backends and their health", false);
  }

  @Override
  public Future<String> run(Arguments arguments, CommandContext context) {
    return context.health().get().map(reports -> {
      Map<String, BackendHealth> byName = new HashMap<>();
      reports.forEach(report -> byName.put(report.name(), report));
      List<String> lines = new ArrayList<>();
      lines.add("Backends:");
      String defaultBackend = context.config().defaultBackend();
      for (BackendConfig backend : context.config().backends().values()) {
        String marks = (defaultBackend.equals(backend.name()) || defaultBackend.startsWith(backend.name() + ":")
            ? " [default]" : "") + (backend.name().equals(context.session().backend) ? " [this session]" : "");
        lines.add("- " + backend.name() + " (" + backend.type() + "): "
            + (backend.models().isEmpty() ? "any model" : String.join(", ", backend.models())) + marks
            + health(byName.get(backend.name())));
      }
      return String.join("\n", lines);
    });
  }

  private static String health(BackendHealth health) {
    if (health == null) {
      return "";
    }
    StringBuilder text = new StringBuilder(" — ").append(health.health());
    long out = health.keys().stream().filter(key -> !"active".equals(key.state())).count();
    if (!health.keys().isEmpty()) {
      text.append(", keys ").append(health.keys().size() - out).append("/").append(health.keys().size())
          .append(" active");
    }
    if (health.inFlight() > 0) {
      text.append(", ").append(health.inFlight()).append(" in flight");
    }
    if (health.recentError() != null && !"ok".equals(health.health())) {
      text.append(", last error: ").append(health.recentError());
    }
    return text.toString();
  }
}
