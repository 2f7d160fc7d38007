package dev.lip.router;

import dev.lip.config.BackendConfig;
import dev.lip.config.ProxyConfig;
import dev.lip.model.ChatRequest;
import dev.lip.model.Reasoning;
import dev.lip.model.Sampling;
import dev.lip.protocol.InvalidRequestException;
import dev.lip.router.selector.Leaf;
import dev.lip.router.selector.SelectorParser;
import dev.lip.session.Overrides;
import dev.lip.session.Session;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Where a session sends a request, and the parameters it imposes on it. */
final class SessionRouting {
  private final ProxyConfig config;

  SessionRouting(ProxyConfig config) {
    this.config = config;
  }

  /**
   * The selector a request goes to, first match wins: the configured static route, the session's
   * one-off, its pinned route (a named failover route expands to its targets), its pinned model (on its
   * backend when the model names none), its backend with the model the client asked for (or the
   * backend's default model when the backend lists models and that is not one of them), and last the
   * client's own selector.
   */
  String selector(Session session, String requested) {
    if (config.staticRoute() != null) {
      return config.staticRoute();
    }
    if (session.oneoff() != null) {
      return session.oneoff();
    }
    if (session.route() != null) {
      List<String> named = session.failoverRoutes().get(session.route());
      return named != null && !named.isEmpty() ? String.join("|", named) : session.route();
    }
    if (session.model() != null) {
      return session.backend() != null && !namesBackend(session.model())
          ? session.backend() + ":" + session.model() : session.model();
    }
    if (session.backend() != null) {
      return onBackend(session.backend(), requested);
    }
    return requested;
  }

  /** {@code request} with the session's parameters over the selector's and the client's. */
  static ChatRequest withOverrides(ChatRequest request, Overrides overrides) {
    if (overrides.isEmpty()) {
      return request;
    }
    ChatRequest result = request.withSampling(request.sampling().overriddenBy(new Sampling(
        overrides.temperature(), overrides.topP(), null, overrides.maxTokens(), List.of(), null, null, null)));
    if (overrides.reasoningEffort() != null || overrides.thinkingBudget() != null) {
      Reasoning r = result.reasoning();
      result = result.withReasoning(new Reasoning(
          overrides.reasoningEffort() != null ? overrides.reasoningEffort() : r.effort(),
          overrides.thinkingBudget() != null ? overrides.thinkingBudget() : r.budgetTokens(),
          r.includeThoughts()));
    }
    return result;
  }

  private boolean namesBackend(String selector) {
    try {
      return SelectorParser.parse(selector, config.backends().keySet()).backend() != null;
    } catch (InvalidRequestException e) {
      return false;
    }
  }

  private String onBackend(String backendName, String requested) {
    Leaf leaf;
    try {
      leaf = SelectorParser.parse(requested, config.backends().keySet());
    } catch (InvalidRequestException e) {
      return requested;
    }
    BackendConfig backend = config.backends().get(backendName);
    String model = leaf.model();
    if (model.isEmpty() || backend != null && !backend.models().isEmpty() && !backend.models().contains(model)) {
      return backendName + query(leaf.parameters());
    }
    return backendName + ":" + model + query(leaf.parameters());
  }

  private static String query(Map<String, String> parameters) {
    if (parameters.isEmpty()) {
      return "";
    }
    return parameters.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining("&", "?", ""));
  }
}
