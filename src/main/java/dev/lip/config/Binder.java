package dev.lip.config;

import dev.lip.protocol.InvalidRequestException;
import dev.lip.router.selector.Branch;
import dev.lip.router.selector.Leaf;
import dev.lip.router.selector.ModelAliases;
import dev.lip.router.selector.Selector;
import dev.lip.router.selector.SelectorParser;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks the merged tree and builds the {@link ProxyConfig}. Every problem is collected (not just the
 * first) as {@code origin: key.path: reason}; values are quoted back only when they are not secrets.
 */
final class Binder {
  /** Backends an empty default_backend picks, the first one that has a key. */
  private static final List<String> AUTO_DEFAULTS = List.of("openai", "anthropic", "gemini");
  static final Set<String> TOP_KEYS = ordered("server", "auth", "default_backend", "log_level", "backends",
      "commands", "static_route", "sessions", "model_aliases", "failover");
  static final Set<String> SERVER_KEYS =
      ordered("host", "port", "anthropic_port", "body_limit_mb", "sse_keepalive_seconds", "slow_client_seconds",
          "transport");
  static final Set<String> AUTH_KEYS = ordered("disabled", "api_keys");
  static final Set<String> COMMAND_KEYS = ordered("enabled", "prefix");
  static final Set<String> SESSION_KEYS = ordered("max_entries", "idle_minutes");
  static final Set<String> ALIAS_KEYS = ordered("pattern", "replacement");
  static final Set<String> FAILOVER_KEYS = ordered("max_hops", "time_budget_seconds", "max_silent_wait_seconds");
  static final Set<String> BACKEND_KEYS = ordered("type", "base_url", "api_keys", "models", "headers",
      "max_connections", "timeouts", "extra", "rate_limits", "circuit_breaker", "session_affinity");
  static final Set<String> RATE_LIMIT_KEYS = ordered("rpm", "tpm", "max_concurrent");
  static final Set<String> BREAKER_KEYS = ordered("failure_threshold", "open_seconds");
  static final Set<String> TIMEOUT_KEYS = ordered("connect_ms", "first_byte_ms", "idle_ms", "total_ms");
  static final List<String> LOG_LEVELS = List.of("trace", "debug", "info", "warn", "error");

  static final Pattern BACKEND_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]{1,18}");
  private static final long MIB = 1024L * 1024L;
  private static final long SECOND_MS = 1000L;
  private static final int MAX_RATE_LIMIT = 10_000_000;

  private final Tree tree;
  private final Set<String> secrets;
  private final List<String> problems = new ArrayList<>();

  Binder(Tree tree, Set<String> secrets) {
    this.tree = tree;
    this.secrets = secrets;
  }

  ProxyConfig bind() {
    Map<String, Object> root = tree.root;
    List<String> top = List.of();
    checkKeys(root, top, TOP_KEYS);

    List<String> sp = List.of("server");
    Map<String, Object> server = section(root, sp);
    checkKeys(server, sp, SERVER_KEYS);
    String host = host(server, sp);
    int port = (int) integer(server, sp, "port", 0, 65_535, "port must be an integer in 0..65535");
    int anthropicPort = (int) integer(server, sp, "anthropic_port", 0, 65_535,
        "anthropic_port must be an integer in 0..65535 (or absent: no second listener)", -1L);
    long bodyMb = integer(server, sp, "body_limit_mb", 1, 2048, "must be an integer in 1..2048 (MiB)");
    long keepAlive = integer(server, sp, "sse_keepalive_seconds", 0, 3600,
        "must be an integer in 0..3600 (seconds; 0 disables keep-alive comments)");
    long slowClient = integer(server, sp, "slow_client_seconds", 1, 3600,
        "must be an integer in 1..3600 (seconds)");
    NetworkTransport transport = transport(server, sp);

    List<String> ap = List.of("auth");
    Map<String, Object> auth = section(root, ap);
    checkKeys(auth, ap, AUTH_KEYS);
    boolean authDisabled = bool(auth, ap, "disabled");
    List<String> clientKeys = keys(auth.get("api_keys"), child(ap, "api_keys"));

    String logLevel = logLevel(root);

    List<String> bp = List.of("backends");
    Map<String, Object> backendsNode = section(root, bp);
    Map<String, BackendConfig> backends = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : backendsNode.entrySet()) {
      BackendConfig b = backend(e.getKey(), e.getValue(), child(bp, e.getKey()));
      if (b != null) {
        backends.put(b.name(), b);
      }
    }
    if (!backends.containsKey("mock")) {
      backends.put("mock", new BackendConfig("mock", "mock", BackendTypes.defaultBaseUrl("mock"), List.of(),
          List.of(), Timeouts.DEFAULTS, Map.of(), ConfigLoader.DEFAULT_MAX_CONNECTIONS));
    }

    Set<String> declared = new LinkedHashSet<>(backendsNode.keySet());
    declared.add("mock");
    String defaultBackend = defaultBackend(root, backends, declared);
    CommandSettings commands = commands(root);
    String staticRoute = staticRoute(root, declared);
    SessionSettings sessions = sessions(root);
    List<Alias> aliases = modelAliases(root, declared);
    FailoverSettings failover = failover(root);

    if (!problems.isEmpty()) {
      throw ConfigException.of(problems);
    }
    return new ProxyConfig(host, port, anthropicPort, defaultBackend, logLevel, authDisabled, clientKeys, bodyMb * MIB,
        keepAlive * SECOND_MS, slowClient * SECOND_MS, backends, commands, staticRoute, sessions, aliases, failover,
        transport);
  }

  // ---------------------------------------------------------------- sections

  private String host(Map<String, Object> server, List<String> sp) {
    List<String> p = child(sp, "host");
    Object v = server.get("host");
    if (!(v instanceof String) || ((String) v).isBlank() || ((String) v).trim().contains(" ")) {
      problem(p, "must be a host name or IP address" + got(v));
      return ConfigLoader.DEFAULT_HOST;
    }
    return ((String) v).trim();
  }

  private NetworkTransport transport(Map<String, Object> server, List<String> sp) {
    Object v = server.get("transport");
    String name = v instanceof String ? ((String) v).trim().toLowerCase(Locale.ROOT) : null;
    Optional<NetworkTransport> transport = name == null ? Optional.empty() : NetworkTransport.parse(name);
    if (transport.isEmpty()) {
      problem(child(sp, "transport"), "must be one of auto, io_uring, epoll, nio" + got(v));
      return NetworkTransport.AUTO;
    }
    return transport.get();
  }

  private String logLevel(Map<String, Object> root) {
    List<String> p = List.of("log_level");
    Object v = root.get("log_level");
    String s = v instanceof String ? ((String) v).trim().toLowerCase(Locale.ROOT) : null;
    if (s == null || !LOG_LEVELS.contains(s)) {
      problem(p, "must be one of " + String.join(", ", LOG_LEVELS) + got(v));
      return "info";
    }
    return s;
  }

  /**
   * The default selector; every target must name a declared backend. {@code declared}: every backend
   * name, including those with problems (reported elsewhere).
   */
  private String defaultBackend(Map<String, Object> root, Map<String, BackendConfig> backends,
      Set<String> declared) {
    List<String> p = List.of("default_backend");
    Object v = root.get("default_backend");
    if (v != null && !(v instanceof String)) {
      problem(p, "must be a selector naming backends (backend, backend:model, a|b, ...)" + got(v));
      return "mock";
    }
    String s = v == null ? "" : ((String) v).trim();
    if (s.isEmpty()) {
      for (String candidate : AUTO_DEFAULTS) {
        BackendConfig backend = backends.get(candidate);
        if (backend != null && backend.hasKey()) {
          return candidate;
        }
      }
      return "mock";
    }
    String reason = selectorProblem(s, declared, true);
    if (reason != null) {
      problem(p, reason);
    }
    return s;
  }

  private CommandSettings commands(Map<String, Object> root) {
    List<String> cp = List.of("commands");
    Map<String, Object> commands = section(root, cp);
    checkKeys(commands, cp, COMMAND_KEYS);
    boolean enabled = bool(commands, cp, "enabled");
    Object v = commands.get("prefix");
    if (v == null) {
      return new CommandSettings(enabled, CommandSettings.DEFAULT_PREFIX);
    }
    if (!(v instanceof String)) {
      problem(child(cp, "prefix"), "must be a string (quote it)" + got(v));
      return CommandSettings.DEFAULTS;
    }
    String problem = CommandSettings.prefixProblem((String) v);
    if (problem != null) {
      problem(child(cp, "prefix"), problem + got(v));
      return CommandSettings.DEFAULTS;
    }
    return new CommandSettings(enabled, (String) v);
  }

  /** The static route, or {@code null} when it is empty; the backends it names must be declared. */
  private String staticRoute(Map<String, Object> root, Set<String> declared) {
    List<String> p = List.of("static_route");
    Object v = root.get("static_route");
    if (v != null && !(v instanceof String)) {
      problem(p, "must be a selector (backend, backend:model, model, a|b, ...)" + got(v));
      return null;
    }
    String s = v == null ? "" : ((String) v).trim();
    if (s.isEmpty()) {
      return null;
    }
    String reason = selectorProblem(s, declared, false);
    if (reason != null) {
      problem(p, reason);
    }
    return s;
  }

  /**
   * Why {@code s} is not a usable selector, or {@code null}: it must parse and every backend it names
   * must be declared; with {@code backendRequired}, every target must name one.
   */
  private String selectorProblem(String s, Set<String> declared, boolean backendRequired) {
    Selector selector;
    try {
      selector = SelectorParser.parseSelector(s, declared);
    } catch (InvalidRequestException e) {
      return containsSecret(e.getMessage()) ? "is not a valid selector" : e.getMessage();
    }
    for (Branch branch : selector.branches()) {
      Leaf leaf = branch.leaf();
      String backend = leaf.backend() != null ? leaf.backend() : backendRequired ? leaf.model() : null;
      if (backend != null && !declared.contains(backend)) {
        return "unknown backend '" + shown(backend) + "' (configured: " + String.join(", ", declared) + ")";
      }
    }
    return null;
  }

  /** The model aliases in order: a list of {pattern, replacement} mappings. */
  private List<Alias> modelAliases(Map<String, Object> root, Set<String> declared) {
    List<String> p = List.of("model_aliases");
    Object v = root.get("model_aliases");
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List)) {
      problem(p, "must be a list of {pattern, replacement} mappings" + got(v));
      return List.of();
    }
    List<Alias> out = new ArrayList<>();
    List<?> list = (List<?>) v;
    for (int i = 0; i < list.size(); i++) {
      Alias alias = alias(list.get(i), child(p, "[" + i + "]"), declared);
      if (alias != null) {
        out.add(alias);
      }
    }
    return List.copyOf(out);
  }

  /**
   * One alias: the pattern must compile; the replacement must refer only to groups the pattern has and,
   * when it refers to none, be a selector whose backends are declared.
   */
  private Alias alias(Object v, List<String> path, Set<String> declared) {
    if (!(v instanceof Map)) {
      problem(path, "must be a mapping {pattern, replacement}" + got(v));
      return null;
    }
    Map<String, Object> a = asMap(v);
    checkKeys(a, path, ALIAS_KEYS);
    Pattern compiled = aliasPattern(a.get("pattern"), child(path, "pattern"));
    List<String> rp = child(path, "replacement");
    String replacement = scalar(a.get("replacement"));
    if (replacement == null || replacement.isBlank()) {
      problem(rp, "must be a selector, which may use $1-style group references" + got(a.get("replacement")));
      return null;
    }
    if (compiled == null) {
      return null;
    }
    String trimmed = replacement.trim();
    String reason = ModelAliases.referenceProblem(compiled, trimmed);
    if (reason != null) {
      problem(rp, "does not fit the pattern: " + reason + got(trimmed));
      return null;
    }
    reason = trimmed.indexOf('$') < 0 ? selectorProblem(trimmed, declared, false) : null;
    if (reason != null) {
      problem(rp, reason);
      return null;
    }
    return new Alias(compiled.pattern(), trimmed);
  }

  private Pattern aliasPattern(Object v, List<String> p) {
    String pattern = scalar(v);
    if (pattern == null || pattern.isEmpty()) {
      problem(p, "must be a regular expression matching the whole requested model" + got(v));
      return null;
    }
    try {
      return Pattern.compile(pattern);
    } catch (PatternSyntaxException e) {
      problem(p, "is not a valid regular expression: " + e.getDescription() + " near index " + e.getIndex()
          + got(pattern));
      return null;
    }
  }

  private FailoverSettings failover(Map<String, Object> root) {
    List<String> fp = List.of("failover");
    Map<String, Object> failover = section(root, fp);
    checkKeys(failover, fp, FAILOVER_KEYS);
    FailoverSettings d = FailoverSettings.DEFAULTS;
    long hops = integer(failover, fp, "max_hops", 1, 50, "must be an integer in 1..50 (attempts per request)",
        (long) d.maxHops());
    long budget = integer(failover, fp, "time_budget_seconds", 1, 3600, "must be an integer in 1..3600 (seconds)",
        d.timeBudgetMs() / 1000);
    long silentWait = integer(failover, fp, "max_silent_wait_seconds", 0, 3600,
        "must be an integer in 0..3600 (seconds; 0 never waits)", d.maxSilentWaitMs() / 1000);
    return new FailoverSettings((int) hops, budget * 1000, silentWait * 1000);
  }

  private SessionSettings sessions(Map<String, Object> root) {
    List<String> sp = List.of("sessions");
    Map<String, Object> sessions = section(root, sp);
    checkKeys(sessions, sp, SESSION_KEYS);
    SessionSettings d = SessionSettings.DEFAULTS;
    long maxEntries = integer(sessions, sp, "max_entries", 1, 10_000_000, "must be an integer in 1..10000000",
        (long) d.maxEntries());
    long idleMinutes = integer(sessions, sp, "idle_minutes", 1, 525_600,
        "must be an integer in 1..525600 (minutes; at most a year)", d.idleMs() / ConfigLoader.MINUTE_MS);
    return new SessionSettings((int) maxEntries, idleMinutes * ConfigLoader.MINUTE_MS);
  }

  private BackendConfig backend(String name, Object raw, List<String> path) {
    int before = problems.size();
    if (!BACKEND_NAME.matcher(name).matches()) {
      problem(path, "backend name must match [a-z0-9][a-z0-9._-]* (lower case)");
    }
    if (raw != null && !(raw instanceof Map)) {
      problem(path, "must be a mapping (type, base_url, api_keys, ...)");
      return null;
    }
    Map<String, Object> b = raw == null ? Map.of() : asMap(raw);
    checkKeys(b, path, BACKEND_KEYS);

    String type = type(name, b, path);
    String baseUrl = baseUrl(type, b.get("base_url"), child(path, "base_url"));
    List<String> keys = keys(b.get("api_keys"), child(path, "api_keys"));
    List<String> models = models(b.get("models"), child(path, "models"));
    Map<String, String> headers = headers(b.get("headers"), child(path, "headers"));
    int maxConnections = (int) integer(b, path, "max_connections", 1, 10_000,
        "must be an integer in 1..10000", (long) ConfigLoader.DEFAULT_MAX_CONNECTIONS);
    Timeouts timeouts = timeouts(b.get("timeouts"), child(path, "timeouts"));
    RateLimits rateLimits = rateLimits(b.get("rate_limits"), child(path, "rate_limits"));
    BreakerSettings breaker = circuitBreaker(b.get("circuit_breaker"), child(path, "circuit_breaker"));
    boolean sessionAffinity = bool(b, path, "session_affinity");
    Map<String, Object> extra = Map.of();
    Object x = b.get("extra");
    if (x != null) {
      if (x instanceof Map) {
        extra = asMap(frozen(x));
      } else {
        problem(child(path, "extra"), "must be a mapping");
      }
    }
    if (problems.size() > before || type == null) {
      return null;
    }
    return new BackendConfig(name, type, baseUrl, keys, models, timeouts, headers, maxConnections, extra,
        rateLimits, breaker, sessionAffinity);
  }

  private String type(String name, Map<String, Object> b, List<String> path) {
    List<String> p = child(path, "type");
    Object v = b.get("type");
    String type;
    if (v == null) {
      int dot = name.indexOf('.');
      String guess = dot < 0 ? name : name.substring(0, dot);
      if (!BackendTypes.KNOWN.contains(guess)) {
        problem(p, "is required: the name does not tell the type (known: "
            + String.join(", ", BackendTypes.KNOWN) + ")");
        return null;
      }
      type = guess;
    } else if (!(v instanceof String) || !BackendTypes.KNOWN.contains(((String) v).trim())) {
      problem(p, "unknown backend type '" + shown(v) + "' (known: " + String.join(", ", BackendTypes.KNOWN)
          + ")");
      return null;
    } else {
      type = ((String) v).trim();
    }
    if (name.equals("mock") && !type.equals("mock")) {
      problem(p, "the name 'mock' is reserved for the built-in mock backend (type must be mock)");
      return null;
    }
    return type;
  }

  private String baseUrl(String type, Object v, List<String> p) {
    if (type == null) {
      return "";
    }
    String def = BackendTypes.defaultBaseUrl(type);
    if (v == null || (v instanceof String && ((String) v).isBlank())) {
      return def;
    }
    if (!(v instanceof String)) {
      problem(p, "must be a URL string");
      return def;
    }
    String s = ((String) v).trim();
    if (type.equals("mock")) {
      if (!s.startsWith("mock://")) {
        problem(p, "a mock backend's base_url must start with mock:// (default " + def + ")");
      }
      return stripSlashes(s);
    }
    try {
      URI uri = new URI(s);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        problem(p, "must be an http:// or https:// URL");
      } else if (uri.getHost() == null || uri.getHost().isEmpty()) {
        problem(p, "must be an absolute http(s) URL with a host");
      } else if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
        problem(p, "must not have a query or fragment");
      }
    } catch (URISyntaxException e) {
      // The URL itself is not quoted: it may carry credentials.
      problem(p, "must be an absolute http(s) URL with a host (" + e.getReason() + ")");
    }
    return stripSlashes(s);
  }

  private static String stripSlashes(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '/' && !s.substring(0, end).endsWith("://")) {
      end--;
    }
    return s.substring(0, end);
  }

  /**
   * A list of secrets: a YAML list of strings, or one string holding comma-separated keys. Blank entries
   * (e.g. from an unset {@code ${VAR}}) are dropped and duplicates removed. Values are never quoted.
   */
  private List<String> keys(Object v, List<String> p) {
    Set<String> out = new LinkedHashSet<>();
    if (v == null) {
      return List.of();
    }
    if (v instanceof String) {
      for (String k : ((String) v).split(",")) {
        if (!k.isBlank()) {
          out.add(k.trim());
        }
      }
    } else if (v instanceof List) {
      List<?> list = (List<?>) v;
      for (int i = 0; i < list.size(); i++) {
        Object k = list.get(i);
        if (k == null) {
          continue;
        }
        if (!(k instanceof String)) {
          problem(child(p, "[" + i + "]"), "must be a string (quote it)");
        } else if (!((String) k).isBlank()) {
          out.add(((String) k).trim());
        }
      }
    } else {
      problem(p, "must be a list of strings");
    }
    return List.copyOf(out);
  }

  private List<String> models(Object v, List<String> p) {
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List)) {
      problem(p, "must be a list of model names");
      return List.of();
    }
    Set<String> out = new LinkedHashSet<>();
    List<?> list = (List<?>) v;
    for (int i = 0; i < list.size(); i++) {
      String s = scalar(list.get(i));
      if (s == null || s.isBlank()) {
        problem(child(p, "[" + i + "]"), "must be a non-empty model name" + got(list.get(i)));
      } else {
        out.add(s.trim());
      }
    }
    return List.copyOf(out);
  }

  private Map<String, String> headers(Object v, List<String> p) {
    if (v == null) {
      return Map.of();
    }
    if (!(v instanceof Map)) {
      problem(p, "must be a mapping of header names to values");
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : asMap(v).entrySet()) {
      List<String> hp = child(p, e.getKey());
      String value = scalar(e.getValue());
      if (!HEADER_NAME.matcher(e.getKey()).matches()) {
        problem(hp, "is not a valid HTTP header name");
      } else if (value == null) {
        problem(hp, "must be a string");
      } else if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
        problem(hp, "must not contain line breaks");
      } else {
        out.put(e.getKey(), value);
      }
    }
    return out;
  }

  private Timeouts timeouts(Object v, List<String> p) {
    if (v == null) {
      return Timeouts.DEFAULTS;
    }
    if (!(v instanceof Map)) {
      problem(p, "must be a mapping (connect_ms, first_byte_ms, idle_ms, total_ms)");
      return Timeouts.DEFAULTS;
    }
    Map<String, Object> t = asMap(v);
    checkKeys(t, p, TIMEOUT_KEYS);
    String reason = "must be a non-negative integer (milliseconds, at most 2147483647; 0 disables)";
    Timeouts d = Timeouts.DEFAULTS;
    long max = Integer.MAX_VALUE;
    return new Timeouts(
        integer(t, p, "connect_ms", 0, max, reason, d.connectMs()),
        integer(t, p, "first_byte_ms", 0, max, reason, d.firstByteMs()),
        integer(t, p, "idle_ms", 0, max, reason, d.idleMs()),
        integer(t, p, "total_ms", 0, max, reason, d.totalMs()));
  }

  private RateLimits rateLimits(Object v, List<String> p) {
    if (v == null) {
      return RateLimits.NONE;
    }
    if (!(v instanceof Map)) {
      problem(p, "must be a mapping (rpm, tpm, max_concurrent)");
      return RateLimits.NONE;
    }
    Map<String, Object> r = asMap(v);
    checkKeys(r, p, RATE_LIMIT_KEYS);
    String reason = "must be an integer in 0.." + MAX_RATE_LIMIT + " (0 = unlimited)";
    return new RateLimits(
        (int) integer(r, p, "rpm", 0, MAX_RATE_LIMIT, reason, 0L),
        (int) integer(r, p, "tpm", 0, MAX_RATE_LIMIT, reason, 0L),
        (int) integer(r, p, "max_concurrent", 0, MAX_RATE_LIMIT, reason, 0L));
  }

  private BreakerSettings circuitBreaker(Object v, List<String> p) {
    BreakerSettings d = BreakerSettings.DEFAULTS;
    if (v == null) {
      return d;
    }
    if (!(v instanceof Map)) {
      problem(p, "must be a mapping (failure_threshold, open_seconds)");
      return d;
    }
    Map<String, Object> c = asMap(v);
    checkKeys(c, p, BREAKER_KEYS);
    long threshold = integer(c, p, "failure_threshold", 0, 1000,
        "must be an integer in 0..1000 (consecutive failures; 0 turns the breaker off)",
        (long) d.failureThreshold());
    long openSeconds = integer(c, p, "open_seconds", 1, 3600, "must be an integer in 1..3600 (seconds)",
        d.openMs() / SECOND_MS);
    return new BreakerSettings((int) threshold, openSeconds * SECOND_MS);
  }

  // ---------------------------------------------------------------- primitives

  private Map<String, Object> section(Map<String, Object> parent, List<String> p) {
    Object v = parent.get(p.get(p.size() - 1));
    if (v == null) {
      return Map.of();
    }
    if (!(v instanceof Map)) {
      problem(p, "must be a mapping");
      return Map.of();
    }
    return asMap(v);
  }

  private void checkKeys(Map<String, Object> node, List<String> path, Set<String> known) {
    for (String k : node.keySet()) {
      if (!known.contains(k)) {
        String hint = path.isEmpty() && k.equals("model_list")
            ? "LiteLLM model_list import is not supported yet; use backends"
            : "unknown key (known here: " + String.join(", ", known) + ")";
        problem(child(path, k), hint);
      }
    }
  }

  private long integer(Map<String, Object> node, List<String> path, String key, long min, long max,
      String reason) {
    return integer(node, path, key, min, max, reason, null);
  }

  /** An integer in min..max; integer-looking strings (from the environment or ${VAR}) are accepted. */
  private long integer(Map<String, Object> node, List<String> path, String key, long min, long max,
      String reason, Long def) {
    Object v = node.get(key);
    if (v == null && def != null) {
      return def;
    }
    Long n = null;
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      n = ((Number) v).longValue();
    } else if (v instanceof String && INTEGER.matcher(((String) v).trim()).matches()) {
      n = Long.parseLong(((String) v).trim());
    }
    if (n == null || n < min || n > max) {
      problem(child(path, key), reason + (v == null ? "" : got(v)));
      return def != null ? def : min;
    }
    return n;
  }

  private boolean bool(Map<String, Object> node, List<String> path, String key) {
    Object v = node.get(key);
    Boolean b = booleanValue(v);
    if (b != null) {
      return b;
    }
    if (v == null) {
      return false;
    }
    problem(child(path, key), "must be true or false" + got(v));
    return false;
  }

  /**
   * A boolean, or one spelt as a string ({@code true/yes/on/1}, {@code false/no/off/0}, any case), as
   * the environment gives it; {@code null} for anything else.
   */
  static Boolean booleanValue(Object v) {
    if (v instanceof Boolean) {
      return (Boolean) v;
    }
    if (v instanceof String) {
      switch (((String) v).trim().toLowerCase(Locale.ROOT)) {
        case "true": case "yes": case "on": case "1":
          return true;
        case "false": case "no": case "off": case "0":
          return false;
        default:
          break;
      }
    }
    return null;
  }

  private static String scalar(Object v) {
    if (v instanceof String || v instanceof Number || v instanceof Boolean) {
      return v.toString();
    }
    return null;
  }

  private void problem(List<String> path, String reason) {
    problems.add(tree.origin(path) + ": " + Tree.render(path) + ": " + reason);
  }

  /** {@code " (got 'x')"}, or nothing when the value is a secret or a structure. */
  private String got(Object v) {
    if (v == null) {
      return " (got nothing)";
    }
    if (v instanceof Map || v instanceof List) {
      return " (got a " + (v instanceof Map ? "mapping" : "list") + ")";
    }
    return " (got " + (v instanceof String ? "'" + shown(v) + "'" : shown(v)) + ")";
  }

  /** A value safe to quote: secrets hidden, long values cut. */
  private String shown(Object v) {
    String s = String.valueOf(v);
    if (containsSecret(s)) {
      return "(hidden)";
    }
    return s.length() > 60 ? s.substring(0, 57) + "…" : s;
  }

  private boolean containsSecret(String s) {
    for (String secret : secrets) {
      if (s.contains(secret)) {
        return true;
      }
    }
    return false;
  }

  private static List<String> child(List<String> path, String key) {
    List<String> p = new ArrayList<>(path);
    p.add(key);
    return List.copyOf(p);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object v) {
    return (Map<String, Object>) v;
  }

  /** A deep unmodifiable copy of a JSON-like value. */
  @SuppressWarnings("unchecked")
  private static Object frozen(Object v) {
    if (v instanceof Map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      ((Map<String, Object>) v).forEach((k, x) -> copy.put(k, frozen(x)));
      return Collections.unmodifiableMap(copy);
    }
    if (v instanceof List) {
      List<Object> copy = new ArrayList<>();
      ((List<Object>) v).forEach(x -> copy.add(frozen(x)));
      return Collections.unmodifiableList(copy);
    }
    return v;
  }

  private static Set<String> ordered(String... keys) {
    return Collections.unmodifiableSet(new LinkedHashSet<>(List.of(keys)));
  }
}
