package dev.lip.router.commands;

import dev.lip.session.SessionEditor;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@code session}: what this session changed and where its requests go. */
final class SessionCommand extends BaseCommand {
  SessionCommand() {
    super("session", "session",
        "show this session: id, where requests go, parameters, routes", false);
  }

  @Override
  public Future<String> run(Arguments arguments, CommandContext context) {
    SessionEditor s = context.session();
    List<String> lines = new ArrayList<>();
    lines.add("Session " + context.sessionId());
    lines.add("Requests go to: " + context.effective().get());
    if (context.config().staticRoute() != null) {
      lines.add("Static route (configured): " + context.config().staticRoute());
    }
    lines.add("Backend: " + Values.orDefault(s.backend));
    lines.add("Model: " + Values.orDefault(s.model));
    lines.add("Route: " + Values.orDefault(s.route));
    if (s.oneoff != null) {
      lines.add("Next request only: " + s.oneoff);
    }
    lines.add("Temperature: " + Values.orDefault(s.temperature) + ", top-p: " + Values.orDefault(s.topP)
        + ", max-tokens: " + Values.orDefault(s.maxTokens));
    lines.add("Reasoning effort: " + Values.orDefault(s.reasoningEffort) + ", thinking budget: "
        + Values.orDefault(s.thinkingBudget));
    lines.add("Command prefix: " + context.prefix() + ", interactive mode: "
        + (Boolean.FALSE.equals(s.interactive) ? "off" : "on") + ", redact API keys in prompts: "
        + (Boolean.FALSE.equals(s.redactApiKeys) ? "off" : "on"));
    if (s.project != null) {
      lines.add("Project: " + s.project);
    }
    lines.add("Failover routes: " + (s.failoverRoutes().isEmpty() ? "none"
        : String.join(", ", s.failoverRoutes().keySet())));
    if (s.original().commands() > 0) {
      lines.add("Changed by " + s.original().commands() + " command(s), last at "
          + Instant.ofEpochMilli(s.original().updatedAt()));
    }
    return Future.succeededFuture(String.join("\n", lines));
  }
}
