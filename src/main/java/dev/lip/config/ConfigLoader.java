package dev.lip.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Builds the effective {@link ProxyConfig} from four layers, each deep-merged over the previous one
 * (maps merge key by key; scalars and lists replace; a YAML {@code null} means "not set"):
 * <ol>
 *   <li>built-in defaults (the values documented in {@code conf/config.yaml});</li>
 *   <li>the YAML file ({@link CliOptions#configFile()}), with {@code ${VAR}}, {@code ${VAR:-default}}
 *       and {@code os.environ/VAR} references resolved from {@code env};</li>
 *   <li>the environment: {@code LIP_HOST}, {@code LIP_PORT}, {@code LIP_BODY_LIMIT_MB},
 *       {@code LIP_DEFAULT_BACKEND}, {@code LIP_LOG_LEVEL}, {@code LIP_DISABLE_AUTH}, {@code API_KEYS}
 *       (comma-separated client keys), {@code LIP_COMMAND_PREFIX} (or {@code COMMAND_PREFIX}; the
 *       {@code LIP_} name wins when both are set), {@code LIP_DISABLE_INTERACTIVE_COMMANDS} ({@code true}
 *       turns {@code commands.enabled} off), {@code LIP_STATIC_ROUTE}, {@code LIP_SESSION_MAX_ENTRIES},
 *       {@code LIP_SESSION_IDLE_MINUTES}, {@code LIP_FAILOVER_MAX_HOPS},
 *       {@code LIP_FAILOVER_TIME_BUDGET_SECONDS}, {@code LIP_FAILOVER_MAX_SILENT_WAIT_SECONDS},
 *       {@code LIP_MODEL_ALIASES} ({@code PATTERN=REPLACEMENT} entries separated by {@code ;} or line
 *       breaks, each split at its first {@code =}), and per provider the key and base-URL variables of
 *       {@link ProviderEnvironment} (e.g. {@code OPENAI_API_KEY}, {@code OPENAI_API_KEY_1..N},
 *       {@code OPENAI_API_BASE_URL}). Empty variables count as unset;</li>
 *   <li>command-line flags; {@code --model-alias PATTERN=REPLACEMENT} may be repeated.</li>
 * </ol>
 * {@code model_aliases} is the one list that does not replace: aliases from the command line come first,
 * then those of the environment, then the file's, and the first whose pattern matches wins. Every alias
 * pattern must compile and every replacement may refer only to groups its pattern has; a replacement
 * without {@code $} references, {@code default_backend} and {@code static_route} must parse as selectors
 * (possibly composite, {@code a|b} or {@code [weight=3]a^b}) whose named backends are declared.
 * {@code failover} bounds the attempts of one request: {@code max_hops} (1..50),
 * {@code time_budget_seconds} (1..3600) and {@code max_silent_wait_seconds} (0..3600).
 * A {@code mock} backend always exists. An empty {@code default_backend} means the first of
 * {@code openai}, {@code anthropic}, {@code gemini} that has a key, else {@code mock}.
 *
 * <p>Synchronous and free of side effects apart from reading the file, so a reload can call it again
 * (off the event loop). We read the YAML with SnakeYAML directly rather than through Vert.x Config's
 * {@code ConfigRetriever}: it runs on the main thread without a throw-away Vertx instance, it keeps line
 * numbers for error messages, it rejects duplicate keys, and the environment comes from a map (tests
 * need not touch the process environment).
 */
public final class ConfigLoader {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8000;
  public static final int DEFAULT_BODY_LIMIT_MB = 32;
  public static final int DEFAULT_SSE_KEEPALIVE_SECONDS = 15;
  public static final int DEFAULT_SLOW_CLIENT_SECONDS = 30;
  public static final String DEFAULT_LOG_LEVEL = "info";
  public static final int DEFAULT_MAX_CONNECTIONS = 100;
  static final long MINUTE_MS = 60_000;

  private static final Pattern SECRET_NAME = Pattern.compile(".*(KEY|TOKEN|SECRET|PASSWORD|PASSWD).*");

  private ConfigLoader() {
  }

  /**
   * Loads, merges and checks the configuration.
   *
   * @param cli the parsed flags (use {@code CliOptions.parse()} for none)
   * @param env the environment, normally {@code System.getenv()}
   * @throws ConfigException naming the source (file:line, environment variable or flag), the key path and
   *     the reason of every problem found
   */
  public static ProxyConfig load(CliOptions cli, Map<String, String> env) {
    Map<String, String> e = env == null ? Map.of() : env;
    Tree merged = defaults();
    Set<String> secrets = new HashSet<>();
    Optional<Path> file = cli.configFile();
    if (file.isPresent()) {
      Tree yaml = YamlSource.read(file.get(), e);
      collect(yaml.root, false, secrets);
      merged.merge(yaml);
    }
    Tree environment = environment(e, merged);
    collect(environment.root, false, secrets);
    merged.merge(environment);
    if (set(e, AliasEntries.ENVIRONMENT_VARIABLE)) {
      merged.prepend("environment variable " + AliasEntries.ENVIRONMENT_VARIABLE, "model_aliases",
          AliasEntries.fromEnvironment(e.get(AliasEntries.ENVIRONMENT_VARIABLE)));
    }
    merged.merge(commandLine(cli));
    merged.prepend("command-line option --model-alias", "model_aliases", AliasEntries.items(cli.modelAliases()));
    secretVariables(e, secrets);
    return new Binder(merged, secrets).bind();
  }

  static Tree defaults() {
    String o = Tree.DEFAULT_ORIGIN;
    return new Tree()
        .put(o, DEFAULT_HOST, "server", "host")
        .put(o, DEFAULT_PORT, "server", "port")
        .put(o, DEFAULT_BODY_LIMIT_MB, "server", "body_limit_mb")
        .put(o, DEFAULT_SSE_KEEPALIVE_SECONDS, "server", "sse_keepalive_seconds")
        .put(o, DEFAULT_SLOW_CLIENT_SECONDS, "server", "slow_client_seconds")
        .put(o, NetworkTransport.AUTO.configName(), "server", "transport")
        .put(o, false, "auth", "disabled")
        .put(o, new ArrayList<>(), "auth", "api_keys")
        .put(o, "", "default_backend")
        .put(o, DEFAULT_LOG_LEVEL, "log_level")
        .put(o, CommandSettings.DEFAULTS.enabled(), "commands", "enabled")
        .put(o, CommandSettings.DEFAULTS.prefix(), "commands", "prefix")
        .put(o, "", "static_route")
        .put(o, SessionSettings.DEFAULTS.maxEntries(), "sessions", "max_entries")
        .put(o, SessionSettings.DEFAULTS.idleMs() / MINUTE_MS, "sessions", "idle_minutes")
        .put(o, new ArrayList<>(), "model_aliases")
        .put(o, FailoverSettings.DEFAULTS.maxHops(), "failover", "max_hops")
        .put(o, FailoverSettings.DEFAULTS.timeBudgetMs() / 1000, "failover", "time_budget_seconds")
        .put(o, FailoverSettings.DEFAULTS.maxSilentWaitMs() / 1000, "failover", "max_silent_wait_seconds")
        .put(o, new java.util.LinkedHashMap<String, Object>(), "backends");
  }

  static Tree environment(Map<String, String> env, Tree below) {
    Tree t = new Tree();
    putEnv(t, env, "LIP_HOST", "server", "host");
    putEnv(t, env, "LIP_PORT", "server", "port");
    putEnv(t, env, "LIP_ANTHROPIC_PORT", "server", "anthropic_port");
    putEnv(t, env, "LIP_BODY_LIMIT_MB", "server", "body_limit_mb");
    putEnv(t, env, "LIP_TRANSPORT", "server", "transport");
    putEnv(t, env, "LIP_DEFAULT_BACKEND", "default_backend");
    putEnv(t, env, "LIP_LOG_LEVEL", "log_level");
    putEnv(t, env, "LIP_DISABLE_AUTH", "auth", "disabled");
    putEnv(t, env, "API_KEYS", "auth", "api_keys");
    putEnv(t, env, "COMMAND_PREFIX", "commands", "prefix");
    putEnv(t, env, "LIP_COMMAND_PREFIX", "commands", "prefix");
    if (set(env, "LIP_DISABLE_INTERACTIVE_COMMANDS")) {
      t.put("environment variable LIP_DISABLE_INTERACTIVE_COMMANDS",
          negated(env.get("LIP_DISABLE_INTERACTIVE_COMMANDS")), "commands", "enabled");
    }
    putEnv(t, env, "LIP_STATIC_ROUTE", "static_route");
    putEnv(t, env, "LIP_SESSION_MAX_ENTRIES", "sessions", "max_entries");
    putEnv(t, env, "LIP_SESSION_IDLE_MINUTES", "sessions", "idle_minutes");
    putEnv(t, env, "LIP_FAILOVER_MAX_HOPS", "failover", "max_hops");
    putEnv(t, env, "LIP_FAILOVER_TIME_BUDGET_SECONDS", "failover", "time_budget_seconds");
    putEnv(t, env, "LIP_FAILOVER_MAX_SILENT_WAIT_SECONDS", "failover", "max_silent_wait_seconds");

    for (ProviderEnvironment provider : ProviderEnvironment.KNOWN) {
      provider.apply(env, below, t);
    }
    return t;
  }

  static Tree commandLine(CliOptions cli) {
    Tree t = new Tree();
    cli.host().ifPresent(v -> t.put("command-line option --host", v, "server", "host"));
    cli.port().ifPresent(v -> t.put("command-line option --port", v, "server", "port"));
    cli.anthropicPort().ifPresent(v -> t.put("command-line option --anthropic-port", v, "server", "anthropic_port"));
    cli.bodyLimitMb().ifPresent(v -> t.put("command-line option --body-limit-mb", v, "server", "body_limit_mb"));
    cli.transport().ifPresent(v -> t.put("command-line option --transport", v, "server", "transport"));
    cli.defaultBackend().ifPresent(v -> t.put("command-line option --default-backend", v, "default_backend"));
    cli.logLevel().ifPresent(v -> t.put("command-line option --log-level", v, "log_level"));
    cli.disableAuth().ifPresent(v -> t.put("command-line option --disable-auth", v, "auth", "disabled"));
    cli.commandPrefix().ifPresent(v -> t.put("command-line option --command-prefix", v, "commands", "prefix"));
    cli.disableInteractiveCommands().ifPresent(v ->
        t.put("command-line option --disable-interactive-commands", !v, "commands", "enabled"));
    cli.staticRoute().ifPresent(v -> t.put("command-line option --static-route", v, "static_route"));
    return t;
  }

  static boolean set(Map<String, String> env, String name) {
    String v = env.get(name);
    return v != null && !v.isEmpty();
  }

  /**
   * The opposite of a "disable" switch, for the matching "enabled" key; a value that is not a boolean is
   * kept as it is, so that the binder reports it.
   */
  private static Object negated(String value) {
    Boolean b = Binder.booleanValue(value);
    return b == null ? value : !b;
  }

  static boolean putEnv(Tree t, Map<String, String> env, String name, String... path) {
    if (!set(env, name)) {
      return false;
    }
    t.put("environment variable " + name, env.get(name), path);
    return true;
  }

  /**
   * Values that must never be quoted back in an error: every key, header and extra value of every layer
   * (see {@link #collect}) and every variable whose name looks secret.
   */
  private static void secretVariables(Map<String, String> env, Set<String> out) {
    for (Map.Entry<String, String> en : env.entrySet()) {
      if (SECRET_NAME.matcher(en.getKey().toUpperCase(Locale.ROOT)).matches()) {
        addSecret(out, en.getValue());
      }
    }
  }

  private static void collect(Object node, boolean secret, Set<String> out) {
    if (node instanceof Map) {
      for (Map.Entry<?, ?> en : ((Map<?, ?>) node).entrySet()) {
        String k = String.valueOf(en.getKey());
        collect(en.getValue(), secret || k.equals("api_keys") || k.equals("headers") || k.equals("extra"), out);
      }
    } else if (node instanceof List) {
      for (Object x : (List<?>) node) {
        collect(x, secret, out);
      }
    } else if (secret && node instanceof String) {
      for (String part : ((String) node).split(",")) {
        addSecret(out, part.trim());
      }
    }
  }

  private static void addSecret(Set<String> out, String value) {
    if (value != null && value.length() >= 4) {
      out.add(value);
    }
  }
}
