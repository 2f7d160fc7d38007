package dev.lip.router;

import dev.lip.config.BackendConfig;
import dev.lip.config.ProxyConfig;
import dev.lip.model.ChatRequest;
import dev.lip.model.ProxyError;
import dev.lip.model.Reasoning;
import dev.lip.model.Sampling;
import dev.lip.protocol.InvalidRequestException;
import dev.lip.router.selector.Leaf;
import dev.lip.router.selector.SelectorParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns a selector into {@link Route}s: for each target, the backend instance, the provider's model name
 * and the request with parameter precedence applied (selector parameters over the request body). A
 * failover selector {@code a|b|c} gives one route per target, in order.
 */
final class RouteResolver {
  private final Map<String, BackendConfig> backends;
  private final Leaf defaultLeaf;

  RouteResolver(ProxyConfig config) {
    this.backends = config.backends();
    this.defaultLeaf = SelectorParser.parse(config.defaultBackend(), backends.keySet());
  }

  /** A resolved target. */
  record Route(BackendConfig backend, String model, ChatRequest request) {
  }

  /**
   * @param selector the selector to follow, which may differ from the one the request carries
   * @throws RouteException when the selector is invalid or names an unknown backend or model
   */
  List<Route> resolve(String selector, ChatRequest request) {
    if (selector.indexOf('|') < 0) {
      return List.of(resolveLeaf(selector, request));
    }
    String[] targets = selector.split("\\|", -1);
    List<Route> routes = new ArrayList<>(targets.length);
    int position = 0;
    for (String target : targets) {
      if (target.isBlank()) {
        throw new RouteException(ProxyError.invalidRequest("invalid model selector '" + selector
            + "' at position " + position + ": an empty target in a failover list"));
      }
      routes.add(resolveLeaf(target, request));
      position += target.length() + 1;
    }
    return routes;
  }

  private Route resolveLeaf(String selector, ChatRequest request) {
    Leaf leaf;
    try {
      leaf = SelectorParser.parse(selector, backends.keySet());
    } catch (InvalidRequestException e) {
      throw new RouteException(e.toProxyError());
    }
    String backendName = leaf.backend() != null ? leaf.backend() : defaultLeaf.backend();
    BackendConfig backend = backends.get(backendName);
    if (backend == null) {
      throw new RouteException(ProxyError.notFound("unknown backend '" + backendName + "' (configured: "
          + String.join(", ", backends.keySet()) + ")"));
    }
    String model = leaf.model().isEmpty() ? defaultModel(backend) : leaf.model();
    List<String> offered = backend.models();
    if (!offered.isEmpty() && !offered.contains(model)) {
      throw new RouteException(ProxyError.notFound("model '" + model + "' is not offered by backend '"
          + backend.name() + "' (offered: " + String.join(", ", offered) + ")"));
    }
    return new Route(backend, model, applyParameters(request.withSelector(model), leaf.parameters()));
  }

  private String defaultModel(BackendConfig backend) {
    if (backend.name().equals(defaultLeaf.backend()) && !defaultLeaf.model().isEmpty()) {
      return defaultLeaf.model();
    }
    if (!backend.models().isEmpty()) {
      return backend.models().get(0);
    }
    if ("mock".equals(backend.type())) {
      return "echo";
    }
    throw new RouteException(ProxyError.invalidRequest("backend '" + backend.name()
        + "' has no default model: name one, as in '" + backend.name() + ":<model>'"));
  }

  private static ChatRequest applyParameters(ChatRequest request, Map<String, String> parameters) {
    if (parameters.isEmpty()) {
      return request;
    }
    Sampling override = new Sampling(
        number(parameters, "temperature"), number(parameters, "top_p"), null,
        integer(parameters, "max_tokens"), List.of(), null, null, null);
    ChatRequest result = request.withSampling(request.sampling().overriddenBy(override));
    String effort = parameters.get("reasoning_effort");
    if (effort != null) {
      Reasoning r = result.reasoning();
      result = result.withReasoning(new Reasoning(effort, r.budgetTokens(), r.includeThoughts()));
    }
    return result;
  }

  private static Double number(Map<String, String> parameters, String name) {
    return parse(parameters, name, "a number", Double::valueOf);
  }

  private static Integer integer(Map<String, String> parameters, String name) {
    return parse(parameters, name, "an integer", Integer::valueOf);
  }

  private static <T> T parse(Map<String, String> parameters, String name, String kind,
      Function<String, T> parser) {
    String value = parameters.get(name);
    if (value == null) {
      return null;
    }
    try {
      return parser.apply(value);
    } catch (NumberFormatException e) {
      throw new RouteException(ProxyError.invalidRequest(
          "selector parameter " + name + " must be " + kind + ", got '" + value + "'"));
    }
  }

  /** A request that cannot be routed. */
  static final class RouteException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient ProxyError error;

    RouteException(ProxyError error) {
      super(error.message(), null, false, false);
      this.error = error;
    }

    ProxyError error() {
      return error;
    }
  }
}
