package dev.lip.router;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.lip.bus.ModelCatalog;
import dev.lip.config.BackendConfig;
import dev.lip.config.ProxyConfig;
import dev.lip.model.ChatRequest;
import dev.lip.model.ProxyError;
import dev.lip.model.Reasoning;
import dev.lip.model.Sampling;
import dev.lip.protocol.InvalidRequestException;
import dev.lip.router.selector.Branch;
import dev.lip.router.selector.Leaf;
import dev.lip.router.selector.ModelAliases;
import dev.lip.router.selector.Selector;
import dev.lip.router.selector.SelectorParser;
import dev.lip.router.selector.Weighted;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Turns a selector into a {@link Plan} of {@link Route}s: model aliases are applied first, then each
 * target gets its backend instance, the provider's model name and the request with parameter precedence
 * applied (selector parameters over the request body). A bare model goes to the default backend when
 * that takes it, else to the first backend whose configured, then listed, models have it.
 */
final class RouteResolver {
  /** Distinct selectors whose parse is kept: clients send the same few model names over and over. */
  private static final int PARSED_SELECTORS = 1_000;

  private final Map<String, BackendConfig> backends;
  private final Cache<String, Selector> parsedSelectors = Caffeine.newBuilder()
      .maximumSize(PARSED_SELECTORS)
      .executor(Runnable::run)
      .build();
  private final Leaf defaultLeaf;
  private final ModelAliases aliases;
  private final RandomGenerator random;
  /** The models each backend listed when last asked, by backend; empty until the first answer. */
  private volatile Map<String, Set<String>> listed = Map.of();

  /**
   * @param random draws the target of weighted selectors
   */
  RouteResolver(ProxyConfig config, RandomGenerator random) {
    this.backends = config.backends();
    this.defaultLeaf = SelectorParser.parseSelector(config.defaultBackend(), backends.keySet())
        .branches().get(0).leaf();
    this.aliases = new ModelAliases(config.modelAliases());
    this.random = random;
  }

  /** A resolved target. */
  record Route(BackendConfig backend, String model, ChatRequest request) {
  }

  /**
   * The plan of targets {@code selector} gives for {@code request}.
   *
   * @param selector the selector to follow, which may differ from the one the request carries
   * @throws RouteException when the selector is invalid or names an unknown backend or model
   */
  Plan plan(String selector, ChatRequest request) {
    Selector parsed = parsedSelectors.getIfPresent(selector);
    if (parsed == null) {
      try {
        parsed = SelectorParser.parseSelector(aliases.rewrite(selector), backends.keySet());
      } catch (InvalidRequestException e) {
        throw new RouteException(e.toProxyError());
      }
      parsedSelectors.put(selector, parsed);
    }
    if (parsed instanceof Leaf leaf) {
      return new Plan(List.of(candidate(leaf, 1, request)), false, random);
    }
    List<Plan.Candidate> candidates = new ArrayList<>();
    for (Branch branch : parsed.branches()) {
      candidates.add(candidate(branch.leaf(), branch.weight(), request));
    }
    return new Plan(candidates, parsed instanceof Weighted, random);
  }

  /** A route as {@code backend:model}, for messages. */
  static String describe(Route route) {
    return route.backend().name() + ":" + route.model();
  }

  private Plan.Candidate candidate(Leaf leaf, int weight, ChatRequest request) {
    return new Plan.Candidate(route(leaf, request), weight,
        leaf.maxContext() == null ? null : leaf.maxContext().longValue());
  }

  private Route route(Leaf leaf, ChatRequest request) {
    String backendName = leaf.backend() != null ? leaf.backend() : backendFor(leaf.model());
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

  /** Remembers what the backends list, for {@link #backendFor}. */
  void catalog(ModelCatalog catalog) {
    Map<String, Set<String>> byBackend = new HashMap<>();
    for (ModelCatalog.Entry entry : catalog.entries()) {
      byBackend.computeIfAbsent(entry.backend(), name -> new HashSet<>()).add(entry.model());
    }
    listed = Map.copyOf(byBackend);
  }

  /**
   * The backend of a bare model: the default one when it takes the model, else the first whose
   * configured models, then whose listed models, have it; else the default one (which then answers).
   */
  private String backendFor(String model) {
    BackendConfig preferred = backends.get(defaultLeaf.backend());
    if (model.isEmpty() || preferred == null || takes(preferred, model)) {
      return defaultLeaf.backend();
    }
    for (BackendConfig backend : backends.values()) {
      if (backend.models().contains(model)) {
        return backend.name();
      }
    }
    for (BackendConfig backend : backends.values()) {
      if (listed.getOrDefault(backend.name(), Set.of()).contains(model)) {
        return backend.name();
      }
    }
    return defaultLeaf.backend();
  }

  /** Whether {@code backend} takes {@code model}: its configured list decides, else its listed models, if known. */
  private boolean takes(BackendConfig backend, String model) {
    if (!backend.models().isEmpty()) {
      return backend.models().contains(model);
    }
    Set<String> models = listed.getOrDefault(backend.name(), Set.of());
    return models.isEmpty() || models.contains(model);
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
