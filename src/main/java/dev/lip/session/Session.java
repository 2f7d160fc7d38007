package dev.lip.session;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one session changed, immutable; {@code null} means "not changed, use the default". Change it
 * through {@link #edit()}.
 *
 * @param key            the store key (the session id namespaced by the client's credential)
 * @param backend        the backend instance this session is routed to
 * @param model          the pinned model, bare or {@code backend:model}
 * @param route          a pinned selector, which wins over backend and model
 * @param oneoff         a selector for the next request only
 * @param overrides      parameters imposed on every request
 * @param commandPrefix  this session's command prefix
 * @param interactive    {@code false} when the user switched in-chat commands off for this session
 * @param redactApiKeys  whether known API keys are redacted from prompts
 * @param project        a free-form project name the user gave the session
 * @param failoverRoutes named failover routes: name → selector elements, in order
 * @param createdAt      epoch milliseconds of the session's first command
 * @param updatedAt      epoch milliseconds of its latest change
 * @param commands       how many commands changed it
 */
public record Session(
    String key, String backend, String model, String route, String oneoff, Overrides overrides,
    String commandPrefix, Boolean interactive, Boolean redactApiKeys, String project,
    Map<String, List<String>> failoverRoutes, long createdAt, long updatedAt, long commands) {

  public Session {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(overrides, "overrides");
    Map<String, List<String>> routes = new LinkedHashMap<>();
    failoverRoutes.forEach((name, elements) -> routes.put(name, List.copyOf(elements)));
    failoverRoutes = Collections.unmodifiableMap(routes);
  }

  /** A session nobody changed yet. */
  public static Session fresh(String key, long now) {
    return new Session(key, null, null, null, null, Overrides.NONE, null, null, null, null, Map.of(), now, now, 0);
  }

  /** A mutable copy to change; {@link SessionEditor#build} makes the new session. */
  public SessionEditor edit() {
    return new SessionEditor(this);
  }

  /** This session once its one-off was used. */
  public Session withoutOneoff() {
    return new Session(key, backend, model, route, null, overrides, commandPrefix, interactive, redactApiKeys,
        project, failoverRoutes, createdAt, updatedAt, commands);
  }
}
