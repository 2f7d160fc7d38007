package dev.lip.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {
  private static final String SECRET = "sk-test-0123456789abcdefSECRET";

  @TempDir
  Path dir;

  private Path write(String yaml) throws IOException {
    Path file = dir.resolve("config.yaml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return file;
  }

  private ProxyConfig load(String yaml, Map<String, String> env, String... args) throws IOException {
    List<String> all = new ArrayList<>(List.of("--config", write(yaml).toString()));
    all.addAll(List.of(args));
    return ConfigLoader.load(CliOptions.parse(all.toArray(new String[0])), env);
  }

  private ConfigException failure(String yaml, Map<String, String> env, String... args) {
    ConfigException[] caught = new ConfigException[1];
    assertThatThrownBy(() -> load(yaml, env, args))
        .isInstanceOfSatisfying(ConfigException.class, e -> caught[0] = e);
    return caught[0];
  }

  // ------------------------------------------------------------------ layers and precedence

  @Test
  void emptyFileGivesDefaultsAndMock() throws IOException {
    ProxyConfig c = load("", Map.of());
    assertThat(c.host()).isEqualTo("127.0.0.1");
    assertThat(c.port()).isEqualTo(8000);
    assertThat(c.bodyLimitBytes()).isEqualTo(32L * 1024 * 1024);
    assertThat(c.sseKeepAliveMs()).isEqualTo(15_000);
    assertThat(c.slowClientMs()).isEqualTo(30_000);
    assertThat(c.logLevel()).isEqualTo("info");
    assertThat(c.authDisabled()).isFalse();
    assertThat(c.clientApiKeys()).isEmpty();
    assertThat(c.backends()).containsOnlyKeys("mock");
    BackendConfig mock = c.backends().get("mock");
    assertThat(mock.type()).isEqualTo("mock");
    assertThat(mock.baseUrl()).isEqualTo("mock://local");
    assertThat(c.defaultBackend()).isEqualTo("mock");
    assertThat(c.commands()).isEqualTo(CommandSettings.DEFAULTS).isEqualTo(new CommandSettings(true, "!/"));
    assertThat(c.staticRoute()).isNull();
    assertThat(c.sessions()).isEqualTo(SessionSettings.DEFAULTS).isEqualTo(new SessionSettings(100_000, 86_400_000));
    assertThat(c.modelAliases()).isEmpty();
    assertThat(c.failover()).isEqualTo(FailoverSettings.DEFAULTS).isEqualTo(new FailoverSettings(5, 90_000, 30_000));
    assertThat(c.transport()).isEqualTo(NetworkTransport.AUTO);
  }

  private static final String YAML_LAYER = String.join("\n",
      "server:",
      "  host: 0.0.0.0",
      "  port: 9000",
      "  body_limit_mb: 8",
      "  sse_keepalive_seconds: 5",
      "  slow_client_seconds: 7",
      "  transport: nio",
      "auth:",
      "  disabled: false",
      "  api_keys: [yaml-client-key]",
      "default_backend: openai",
      "log_level: warn",
      "backends:",
      "  openai:",
      "    base_url: https://yaml.example/v1/",
      "    api_keys: [yaml-openai-key]",
      "    models: [gpt-4o]",
      "    headers: {X-Org: acme}",
      "    timeouts: {idle_ms: 5000}",
      "");

  @Test
  void yamlOverridesDefaults() throws IOException {
    ProxyConfig c = load(YAML_LAYER, Map.of());
    assertThat(c.host()).isEqualTo("0.0.0.0");
    assertThat(c.port()).isEqualTo(9000);
    assertThat(c.bodyLimitBytes()).isEqualTo(8L * 1024 * 1024);
    assertThat(c.sseKeepAliveMs()).isEqualTo(5000);
    assertThat(c.slowClientMs()).isEqualTo(7000);
    assertThat(c.transport()).isEqualTo(NetworkTransport.NIO);
    assertThat(c.clientApiKeys()).containsExactly("yaml-client-key");
    assertThat(c.defaultBackend()).isEqualTo("openai");
    assertThat(c.logLevel()).isEqualTo("warn");
    BackendConfig o = c.backends().get("openai");
    assertThat(o.type()).isEqualTo("openai");
    assertThat(o.baseUrl()).isEqualTo("https://yaml.example/v1");
    assertThat(o.apiKeys()).containsExactly("yaml-openai-key");
    assertThat(o.models()).containsExactly("gpt-4o");
    assertThat(o.headers()).containsEntry("X-Org", "acme");
    assertThat(o.maxConnections()).isEqualTo(100);
    assertThat(o.timeouts()).isEqualTo(new Timeouts(10_000, 120_000, 5000, 600_000));
    assertThat(c.backends().keySet()).containsExactly("openai", "mock");
  }

  private static Map<String, String> envLayer() {
    Map<String, String> env = new HashMap<>();
    env.put("LIP_HOST", "10.0.0.1");
    env.put("LIP_PORT", "9100");
    env.put("LIP_BODY_LIMIT_MB", "16");
    env.put("LIP_DEFAULT_BACKEND", "mock");
    env.put("LIP_LOG_LEVEL", "DEBUG");
    env.put("LIP_TRANSPORT", "Epoll");
    env.put("LIP_DISABLE_AUTH", "true");
    env.put("API_KEYS", "env-a, env-b,,");
    env.put("OPENAI_API_KEY", "env-openai-key");
    env.put("OPENAI_API_BASE_URL", "http://localhost:1234/v1/");
    return env;
  }

  @Test
  void environmentOverridesYamlAndMergesDeeply() throws IOException {
    ProxyConfig c = load(YAML_LAYER, envLayer());
    assertThat(c.host()).isEqualTo("10.0.0.1");
    assertThat(c.port()).isEqualTo(9100);
    assertThat(c.bodyLimitBytes()).isEqualTo(16L * 1024 * 1024);
    assertThat(c.defaultBackend()).isEqualTo("mock");
    assertThat(c.logLevel()).isEqualTo("debug");
    assertThat(c.transport()).isEqualTo(NetworkTransport.EPOLL);
    assertThat(c.authDisabled()).isTrue();
    assertThat(c.clientApiKeys()).containsExactly("env-a", "env-b");
    BackendConfig o = c.backends().get("openai");
    assertThat(o.apiKeys()).containsExactly("env-openai-key");
    assertThat(o.baseUrl()).isEqualTo("http://localhost:1234/v1");
    // untouched YAML keys of the same backend survive the deep merge
    assertThat(o.models()).containsExactly("gpt-4o");
    assertThat(o.timeouts().idleMs()).isEqualTo(5000);
    // untouched YAML server keys too
    assertThat(c.sseKeepAliveMs()).isEqualTo(5000);
  }

  @Test
  void commandLineOverridesEnvironment() throws IOException {
    ProxyConfig c = load(YAML_LAYER, envLayer(), "--host", "192.168.1.2", "--port=9200",
        "--body-limit-mb", "64", "--default-backend", "openai:gpt-4o-mini", "--log-level", "error",
        "--disable-auth=false", "--transport", "io_uring");
    assertThat(c.host()).isEqualTo("192.168.1.2");
    assertThat(c.port()).isEqualTo(9200);
    assertThat(c.bodyLimitBytes()).isEqualTo(64L * 1024 * 1024);
    assertThat(c.defaultBackend()).isEqualTo("openai:gpt-4o-mini");
    assertThat(c.logLevel()).isEqualTo("error");
    assertThat(c.transport()).isEqualTo(NetworkTransport.IO_URING);
    assertThat(c.authDisabled()).isFalse();
    // not given on the command line: the environment still wins
    assertThat(c.clientApiKeys()).containsExactly("env-a", "env-b");
  }

  @Test
  void disableAuthFlagAloneMeansTrue() throws IOException {
    assertThat(load("", Map.of(), "--disable-auth").authDisabled()).isTrue();
    assertThat(load("", Map.of("LIP_DISABLE_AUTH", "yes")).authDisabled()).isTrue();
    assertThat(load("auth: {disabled: on}", Map.of("LIP_DISABLE_AUTH", "0")).authDisabled()).isFalse();
  }

  @Test
  void emptyEnvironmentValuesCountAsUnset() throws IOException {
    ProxyConfig c = load("server: {port: 9000}", Map.of("LIP_PORT", "", "OPENAI_API_KEY", ""));
    assertThat(c.port()).isEqualTo(9000);
    assertThat(c.backends()).containsOnlyKeys("mock");
  }

  // ------------------------------------------------------------------ interpolation and env keys

  @Test
  void interpolatesEnvironmentReferences() throws IOException {
    String yaml = String.join("\n",
        "server:",
        "  host: ${BIND:-127.0.0.2}",
        "  port: ${PORT}",
        "default_backend: \"${DEF}\"",
        "backends:",
        "  openai:",
        "    base_url: ${BASE}",
        "    api_keys: [\"${K1}\", os.environ/K2, \"${UNSET_KEY}\", \"lit$${x}\"]",
        "    headers: {X-Tag: \"pre-${TAG:-none}-post\"}",
        "");
    Map<String, String> env = Map.of("PORT", "8123", "DEF", "openai:gpt-x", "BASE", "https://b.example/",
        "K1", "key-one", "K2", "key-two");
    ProxyConfig c = load(yaml, env);
    assertThat(c.host()).isEqualTo("127.0.0.2");
    assertThat(c.port()).isEqualTo(8123);
    assertThat(c.defaultBackend()).isEqualTo("openai:gpt-x");
    BackendConfig o = c.backends().get("openai");
    assertThat(o.baseUrl()).isEqualTo("https://b.example");
    assertThat(o.apiKeys()).containsExactly("key-one", "key-two", "lit${x}");
    assertThat(o.headers()).containsEntry("X-Tag", "pre-none-post");
  }

  @Test
  void unsetReferenceGivesEmptyStringAndAHintWhenInvalid() {
    ConfigException e = failure("server: {host: \"${NO_SUCH_HOST}\"}", Map.of());
    assertThat(e.getMessage()).contains("server.host", "NO_SUCH_HOST is not set", "config.yaml:1");
  }

  @Test
  void emptyBaseUrlFromUnsetVariableMeansDefault() throws IOException {
    ProxyConfig c = load("backends: {openai: {base_url: \"${NOPE}\"}}", Map.of());
    assertThat(c.backends().get("openai").baseUrl()).isEqualTo("https://api.openai.com/v1");
    assertThat(c.backends().get("openai").hasKey()).isFalse();
  }

  @Test
  void numberedOpenAiKeysAreCollectedInOrderAndCreateTheBackend() throws IOException {
    Map<String, String> env = Map.of("OPENAI_API_KEY", "k0", "OPENAI_API_KEY_2", "k2",
        "OPENAI_API_KEY_1", "k1", "OPENAI_API_KEY_10", "k10", "OPENAI_API_KEY_3", "");
    ProxyConfig c = load("", env);
    BackendConfig o = c.backends().get("openai");
    assertThat(o).isNotNull();
    assertThat(o.type()).isEqualTo("openai");
    assertThat(o.baseUrl()).isEqualTo("https://api.openai.com/v1");
    assertThat(o.apiKeys()).containsExactly("k0", "k1", "k2", "k10");
    assertThat(load("", Map.of("OPENAI_API_KEY_1", "only")).backends().get("openai").apiKeys())
        .containsExactly("only");
  }

  @Test
  void baseUrlEnvironment() throws IOException {
    // the client-side OPENAI_BASE_URL (which may point at this very proxy) is ignored
    Map<String, String> env = Map.of("OPENAI_API_KEY", "k", "OPENAI_API_BASE_URL", "http://a:1/v1//",
        "OPENAI_BASE_URL", "http://b:2/v1");
    assertThat(load("", env).backends().get("openai").baseUrl()).isEqualTo("http://a:1/v1");
    assertThat(load("", Map.of("OPENAI_API_KEY", "k", "OPENAI_BASE_URL", "http://b:2/v1"))
        .backends().get("openai").baseUrl()).isEqualTo("https://api.openai.com/v1");
    // a base URL alone does not create the backend ...
    assertThat(load("", Map.of("OPENAI_API_BASE_URL", "http://b:2/v1")).backends()).containsOnlyKeys("mock");
    // ... but overrides a declared one
    assertThat(load("backends: {openai: {}}", Map.of("OPENAI_API_BASE_URL", "http://b:2/v1"))
        .backends().get("openai").baseUrl()).isEqualTo("http://b:2/v1");
  }

  @Test
  void anthropicPortIsOffUnlessSetAndFollowsPrecedence() throws IOException {
    assertThat(load("", Map.of()).anthropicPort()).isEqualTo(-1);
    assertThat(load("server: {anthropic_port: 9001}", Map.of()).anthropicPort()).isEqualTo(9001);
    assertThat(load("server: {anthropic_port: 9001}", Map.of("LIP_ANTHROPIC_PORT", "9002")).anthropicPort())
        .isEqualTo(9002);
    assertThat(load("server: {anthropic_port: 9001}", Map.of("LIP_ANTHROPIC_PORT", "9002"),
        "--anthropic-port", "9003").anthropicPort()).isEqualTo(9003);
  }

  @Test
  void anthropicAndGeminiKeysCreateTheirBackends() throws IOException {
    ProxyConfig c = load("", Map.of("ANTHROPIC_API_KEY", "a-key", "GEMINI_API_KEY_1", "g1", "GEMINI_API_KEY_2", "g2",
        "ANTHROPIC_API_BASE_URL", "http://127.0.0.1:9/v1", "ANTHROPIC_BASE_URL", "http://127.0.0.1:8000"));
    assertThat(c.backends().get("anthropic").type()).isEqualTo("anthropic");
    assertThat(c.backends().get("anthropic").apiKeys()).containsExactly("a-key");
    assertThat(c.backends().get("anthropic").baseUrl()).isEqualTo("http://127.0.0.1:9/v1");
    assertThat(c.backends().get("gemini").apiKeys()).containsExactly("g1", "g2");
    assertThat(c.backends().get("gemini").baseUrl()).isEqualTo("https://generativelanguage.googleapis.com");
    assertThat(c.defaultBackend()).isEqualTo("anthropic");
  }

  // ------------------------------------------------------------------ default backend

  @Test
  void defaultBackendIsMockWithoutKeyAndOpenAiWithOne() throws IOException {
    assertThat(load("backends: {openai: {type: openai}}", Map.of()).defaultBackend()).isEqualTo("mock");
    assertThat(load("", Map.of("OPENAI_API_KEY", "k")).defaultBackend()).isEqualTo("openai");
    assertThat(load("backends: {openai: {api_keys: [k]}}", Map.of()).defaultBackend()).isEqualTo("openai");
    assertThat(load("", Map.of("OPENAI_API_KEY", "k"), "--default-backend", "mock").defaultBackend())
        .isEqualTo("mock");
  }

  @Test
  void severalInstancesOfOneTypeAndAnchors() throws IOException {
    String yaml = String.join("\n",
        "backends:",
        "  openai: &base",
        "    api_keys: [a]",
        "    timeouts: {connect_ms: 1}",
        "  openai.2:",
        "    <<: *base",
        "    base_url: http://127.0.0.1:9999",
        "  my-proxy:",
        "    type: openai",
        "    base_url: http://127.0.0.1:9998/v1",
        "  mock:",
        "    models: [mock-model, 1.10]",
        "");
    ProxyConfig c = load(yaml, Map.of());
    assertThat(c.backends().keySet()).containsExactly("openai", "openai.2", "my-proxy", "mock");
    BackendConfig two = c.backends().get("openai.2");
    assertThat(two.type()).isEqualTo("openai");
    assertThat(two.apiKeys()).containsExactly("a");
    assertThat(two.timeouts().connectMs()).isEqualTo(1);
    assertThat(two.baseUrl()).isEqualTo("http://127.0.0.1:9999");
    assertThat(c.backends().get("mock").models()).containsExactly("mock-model", "1.10");
  }

  @Test
  void extraIsKeptAndUnmodifiable() throws IOException {
    ProxyConfig c = load("backends: {openai: {extra: {a: 1, b: [x]}}}", Map.of());
    Map<String, Object> extra = c.backends().get("openai").extra();
    assertThat(extra).containsEntry("a", 1).containsEntry("b", List.of("x"));
    assertThatThrownBy(() -> extra.put("c", 2)).isInstanceOf(UnsupportedOperationException.class);
  }

  // ------------------------------------------------------------------ resilience

  @Test
  void resilienceSettingsDefaultToNoLimitsTheDefaultBreakerAndNoAffinity() throws IOException {
    ProxyConfig c = load("backends: {openai: {}}", Map.of());
    for (BackendConfig b : c.backends().values()) {
      assertThat(b.rateLimits()).isEqualTo(RateLimits.NONE).isEqualTo(new RateLimits(0, 0, 0));
      assertThat(b.circuitBreaker()).isEqualTo(BreakerSettings.DEFAULTS).isEqualTo(new BreakerSettings(5, 30_000));
      assertThat(b.sessionAffinity()).isFalse();
    }
  }

  @Test
  void resilienceSettingsFromYaml() throws IOException {
    String yaml = String.join("\n",
        "backends:",
        "  openai:",
        "    rate_limits: {rpm: 60, tpm: 100000, max_concurrent: 4}",
        "    circuit_breaker: {failure_threshold: 0, open_seconds: 3600}",
        "    session_affinity: true",
        "  openai.2:",
        "    rate_limits: {tpm: \"${TPM}\"}",
        "    circuit_breaker: {open_seconds: 1}",
        "    session_affinity: \"yes\"",
        "");
    ProxyConfig c = load(yaml, Map.of("TPM", "10000000"));
    BackendConfig o = c.backends().get("openai");
    assertThat(o.rateLimits()).isEqualTo(new RateLimits(60, 100_000, 4));
    assertThat(o.circuitBreaker()).isEqualTo(new BreakerSettings(0, 3_600_000));
    assertThat(o.circuitBreaker().enabled()).isFalse();
    assertThat(o.sessionAffinity()).isTrue();
    BackendConfig o2 = c.backends().get("openai.2");
    assertThat(o2.rateLimits()).isEqualTo(new RateLimits(0, 10_000_000, 0));
    assertThat(o2.circuitBreaker()).isEqualTo(new BreakerSettings(5, 1_000));
    assertThat(o2.sessionAffinity()).isTrue();
    assertThat(o.toString()).contains("rateLimits=RateLimits[requestsPerMinute=60, tokensPerMinute=100000, "
        + "maxConcurrent=4]", "circuitBreaker=BreakerSettings[failureThreshold=0, openMs=3600000]",
        "sessionAffinity=true");
  }

  @Test
  void resilienceProblemsAreAllReportedWithTheirKeyPath() {
    ConfigException e = failure("backends: {openai: {rate_limits: {rpm: x, tpm: -2}, "
        + "circuit_breaker: {open_seconds: 0}}}", Map.of());
    assertThat(e.problems()).hasSize(3);
    assertThat(e.getMessage()).contains("backends.openai.rate_limits.rpm", "backends.openai.rate_limits.tpm",
        "backends.openai.circuit_breaker.open_seconds");
  }

  @Test
  void resilienceRecordsRefuseOutOfRangeValues() {
    assertThatThrownBy(() -> new RateLimits(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RateLimits(0, 0, -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BreakerSettings(-1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BreakerSettings(1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BackendConfig("a", "mock", "mock://local", List.of(), List.of(),
        Timeouts.DEFAULTS, Map.of(), 1, Map.of(), null, BreakerSettings.DEFAULTS, false))
        .isInstanceOf(NullPointerException.class);
  }

  // ------------------------------------------------------------------ validation

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
      "backends: {openai: {timeouts: {idle_ms: -5}}}|backends.openai.timeouts.idle_ms|must be a non-negative integer",
      "backends: {x: {type: foo}}|backends.x.type|unknown backend type 'foo' (known: openai, openai-responses, anthropic, gemini, mock)",
      "backends: {thing: {}}|backends.thing.type|is required",
      "server: {port: 70000}|server.port|port must be an integer in 0..65535 (got 70000)",
      "server: {port: eighty}|server.port|port must be an integer in 0..65535",
      "servr: {port: 1}|servr|unknown key",
      "model_list: []|model_list|LiteLLM model_list import is not supported yet",
      "server: {hots: x}|server.hots|unknown key (known here: host, port",
      "server: {body_limit_mb: 0}|server.body_limit_mb|must be an integer in 1..2048",
      "server: {host: ''}|server.host|must be a host name",
      "auth: {disabled: maybe}|auth.disabled|must be true or false",
      "auth: {api_keys: [1]}|auth.api_keys[0]|must be a string",
      "log_level: loud|log_level|must be one of trace, debug, info, warn, error",
      "server: {transport: kqueue}|server.transport|must be one of auto, io_uring, epoll, nio (got 'kqueue')",
      "server: {transport: 1}|server.transport|must be one of auto, io_uring, epoll, nio (got 1)",
      "default_backend: nope|default_backend|unknown backend 'nope' (configured: mock)",
      "default_backend: 'mock:'|default_backend|the model after ':' must not be empty",
      "backends: {openai: {base_url: 'ftp://x/y'}}|backends.openai.base_url|must be an http:// or https:// URL",
      "backends: {openai: {base_url: 'https://'}}|backends.openai.base_url|must be an absolute http(s) URL with a host",
      "backends: {openai: {max_connections: 0}}|backends.openai.max_connections|must be an integer in 1..10000",
      "backends: {openai: {headers: {'Bad Header': x}}}|backends.openai.headers.Bad Header|not a valid HTTP header name",
      "backends: {openai: {models: [{}]}}|backends.openai.models[0]|must be a non-empty model name",
      "backends: {openai: {timeouts: 5}}|backends.openai.timeouts|must be a mapping",
      "backends: {openai: {timeouts: {idle: 5}}}|backends.openai.timeouts.idle|unknown key",
      "backends: {openai: {colour: red}}|backends.openai.colour|unknown key",
      "backends: {Open_AI: {type: openai}}|backends.Open_AI|backend name must match [a-z0-9][a-z0-9._-]*",
      "backends: {mock: {type: openai}}|backends.mock.type|reserved for the built-in mock backend",
      "backends: [openai]|backends|must be a mapping",
      "server: {host: '${BAD NAME}'}|server.host|malformed reference",
      "commands: {colour: red}|commands.colour|unknown key (known here: enabled, prefix)",
      "commands: {enabled: sometimes}|commands.enabled|must be true or false (got 'sometimes')",
      "commands: {prefix: 12}|commands.prefix|must be a string (quote it) (got 12)",
      "commands: [x]|commands|must be a mapping",
      "sessions: {max: 1}|sessions.max|unknown key (known here: max_entries, idle_minutes)",
      "sessions: {max_entries: 0}|sessions.max_entries|must be an integer in 1..10000000 (got 0)",
      "sessions: {max_entries: 10000001}|sessions.max_entries|must be an integer in 1..10000000",
      "sessions: {max_entries: many}|sessions.max_entries|must be an integer in 1..10000000 (got 'many')",
      "sessions: {idle_minutes: 0}|sessions.idle_minutes|must be an integer in 1..525600",
      "sessions: {idle_minutes: 525601}|sessions.idle_minutes|must be an integer in 1..525600",
      "static_route: [a]|static_route|must be a selector",
      "static_route: nope:gpt-4o|static_route|unknown backend 'nope' (configured: mock)",
      "static_route: 'mock:m?colour=red'|static_route|invalid model selector 'mock:m?colour=red' at position 7: unknown parameter 'colour'",
      "static_route: ':gpt-4o'|static_route|the backend name before ':' is empty",
      "backends: {openai: {rate_limits: 5}}|backends.openai.rate_limits|must be a mapping (rpm, tpm, max_concurrent)",
      "backends: {openai: {rate_limits: {rps: 1}}}|backends.openai.rate_limits.rps|unknown key (known here: rpm, tpm, max_concurrent)",
      "backends: {openai: {rate_limits: {rpm: -1}}}|backends.openai.rate_limits.rpm|must be an integer in 0..10000000 (0 = unlimited) (got -1)",
      "backends: {openai: {rate_limits: {tpm: 10000001}}}|backends.openai.rate_limits.tpm|must be an integer in 0..10000000 (0 = unlimited) (got 10000001)",
      "backends: {openai: {rate_limits: {max_concurrent: lots}}}|backends.openai.rate_limits.max_concurrent|must be an integer in 0..10000000 (0 = unlimited) (got 'lots')",
      "backends: {openai: {circuit_breaker: on}}|backends.openai.circuit_breaker|must be a mapping (failure_threshold, open_seconds)",
      "backends: {openai: {circuit_breaker: {threshold: 1}}}|backends.openai.circuit_breaker.threshold|unknown key (known here: failure_threshold, open_seconds)",
      "backends: {openai: {circuit_breaker: {failure_threshold: -1}}}|backends.openai.circuit_breaker.failure_threshold|must be an integer in 0..1000 (consecutive failures; 0 turns the breaker off) (got -1)",
      "backends: {openai: {circuit_breaker: {failure_threshold: 1001}}}|backends.openai.circuit_breaker.failure_threshold|must be an integer in 0..1000",
      "backends: {openai: {circuit_breaker: {open_seconds: 0}}}|backends.openai.circuit_breaker.open_seconds|must be an integer in 1..3600 (seconds) (got 0)",
      "backends: {openai: {circuit_breaker: {open_seconds: 3601}}}|backends.openai.circuit_breaker.open_seconds|must be an integer in 1..3600 (seconds) (got 3601)",
      "backends: {openai: {session_affinity: sometimes}}|backends.openai.session_affinity|must be true or false (got 'sometimes')",
      "backends: {openai: {affinity: true}}|backends.openai.affinity|unknown key (known here: type, base_url, api_keys, models, headers, max_connections, timeouts, extra, rate_limits, circuit_breaker, session_affinity)",
  })
  void invalidValuesNameFileLineKeyAndReason(String yaml, String key, String reason) throws IOException {
    String file = dir.resolve("config.yaml").toString();
    ConfigException e = failure(yaml, Map.of());
    assertThat(e.getMessage()).contains(file + ":1: " + key + ": ").contains(reason);
    assertThat(e.getMessage()).startsWith("Invalid configuration: ");
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
      "model_aliases: {a: b};model_aliases;must be a list of {pattern, replacement} mappings (got a mapping)",
      "model_aliases: [x];model_aliases[0];must be a mapping {pattern, replacement} (got 'x')",
      "model_aliases: [{pattern: a, replacement: b, x: 1}];model_aliases[0].x;unknown key (known here: pattern, replacement)",
      "model_aliases: [{pattern: '', replacement: mock}];model_aliases[0].pattern;must be a regular expression",
      "model_aliases: [{pattern: 'gpt-(4', replacement: mock}];model_aliases[0].pattern;is not a valid regular expression: Unclosed group near index 6 (got 'gpt-(4')",
      "model_aliases: [{pattern: a}];model_aliases[0].replacement;must be a selector, which may use $1-style group references (got nothing)",
      "model_aliases: [{pattern: a, replacement: 'mock|'}];model_aliases[0].replacement;invalid model selector 'mock|' at position 5: an empty branch in a failover list",
      "model_aliases: [{pattern: a, replacement: 'nope:x^mock'}];model_aliases[0].replacement;unknown backend 'nope' (configured: mock)",
      "model_aliases: [{pattern: '(a)', replacement: 'mock:$2'}];model_aliases[0].replacement;does not fit the pattern: No group 2 (got 'mock:$2')",
      "model_aliases: [{pattern: '(a)', replacement: 'mock:$${v}'}];model_aliases[0].replacement;does not fit the pattern: No group with name {v} (got 'mock:${v}')",
      "failover: 5;failover;must be a mapping",
      "failover: {hops: 1};failover.hops;unknown key (known here: max_hops, time_budget_seconds, max_silent_wait_seconds)",
      "failover: {max_hops: 0};failover.max_hops;must be an integer in 1..50 (attempts per request) (got 0)",
      "failover: {max_hops: 51};failover.max_hops;must be an integer in 1..50",
      "failover: {max_hops: many};failover.max_hops;must be an integer in 1..50 (attempts per request) (got 'many')",
      "failover: {time_budget_seconds: 0};failover.time_budget_seconds;must be an integer in 1..3600 (seconds) (got 0)",
      "failover: {time_budget_seconds: 3601};failover.time_budget_seconds;must be an integer in 1..3600",
      "failover: {max_silent_wait_seconds: -1};failover.max_silent_wait_seconds;must be an integer in 0..3600 (seconds; 0 never waits)",
      "failover: {max_silent_wait_seconds: 3601};failover.max_silent_wait_seconds;must be an integer in 0..3600",
      "default_backend: 'mock|nope';default_backend;unknown backend 'nope' (configured: mock)",
      "default_backend: 'mock^mock|mock';default_backend;invalid model selector 'mock^mock|mock' at position 9: '|' after '^'",
      "static_route: '[weight=2]mock';static_route;invalid model selector '[weight=2]mock' at position 1: weight only applies to the branches of a weighted selector",
      "static_route: 'gpt-4o|nope:x';static_route;unknown backend 'nope' (configured: mock)",
  })
  void invalidAliasesFailoverAndSelectorsNameFileLineKeyAndReason(String yaml, String key, String reason) {
    String file = dir.resolve("config.yaml").toString();
    ConfigException e = failure(yaml, Map.of());
    assertThat(e.getMessage()).startsWith("Invalid configuration: ").contains(file + ":1: " + key + ": " + reason);
  }

  // ------------------------------------------------------------------ model aliases and failover

  private static final String ALIASES_YAML = String.join("\n",
      "backends: {openai: {}, anthropic: {}}",
      "model_aliases:",
      "  - pattern: \"^gpt-4$\"",
      "    replacement: \"openai:gpt-4o|anthropic:claude-sonnet-4\"",
      "  - {pattern: \"fast-(.+)\", replacement: \" [weight=3]openai:$1^openai \"}",
      "  - {pattern: \"(?<family>claude)-(.+)\", replacement: \"anthropic:$${family}-$2\"}",
      "");

  @Test
  void aliasesFromYamlKeepTheirOrderAndTrimmedReplacements() throws IOException {
    ProxyConfig c = load(ALIASES_YAML, Map.of());
    assertThat(c.modelAliases()).containsExactly(
        new Alias("^gpt-4$", "openai:gpt-4o|anthropic:claude-sonnet-4"),
        new Alias("fast-(.+)", "[weight=3]openai:$1^openai"),
        new Alias("(?<family>claude)-(.+)", "anthropic:${family}-$2"));
    assertThat(c.toString()).contains("modelAliases=[Alias[pattern=^gpt-4$");
  }

  @Test
  void commandLineAliasesComeFirstThenTheEnvironmentsThenTheFiles() throws IOException {
    ProxyConfig c = load(ALIASES_YAML, Map.of("LIP_MODEL_ALIASES", " env-a = mock ;\nenv-b=openai:x|mock\n;;"),
        "--model-alias", "cli-a=openai:gpt-4o?temperature=0=5", "--model-alias=cli-b = anthropic");
    assertThat(c.modelAliases()).extracting(Alias::pattern)
        .containsExactly("cli-a", "cli-b", "env-a", "env-b", "^gpt-4$", "fast-(.+)", "(?<family>claude)-(.+)");
    assertThat(c.modelAliases().get(0).replacement()).isEqualTo("openai:gpt-4o?temperature=0=5");
    assertThat(c.modelAliases().get(1).replacement()).isEqualTo("anthropic");
    assertThat(c.modelAliases().get(3).replacement()).isEqualTo("openai:x|mock");
  }

  @Test
  void aliasProblemsNameTheirSourceAfterOthersWerePutInFront() {
    String yaml = String.join("\n",
        "model_aliases:",
        "  - {pattern: ok, replacement: mock}",
        "  - pattern: bad",
        "    replacement: \"mock||mock\"",
        "");
    ConfigException e = failure(yaml, Map.of("LIP_MODEL_ALIASES", "e=mock"), "--model-alias", "c=mock");
    assertThat(e.getMessage()).contains("config.yaml:4: model_aliases[3].replacement: invalid model selector "
        + "'mock||mock' at position 5: an empty branch in a failover list");
  }

  @Test
  void aliasProblemsFromTheEnvironmentAndTheCommandLineNameTheirSource() {
    assertThat(failure("", Map.of("LIP_MODEL_ALIASES", "ok=mock;gpt-(4=mock")).getMessage())
        .contains("environment variable LIP_MODEL_ALIASES: model_aliases[1].pattern: is not a valid regular "
            + "expression: Unclosed group");
    assertThat(failure("", Map.of(), "--model-alias", "no-equals-sign").getMessage())
        .contains("command-line option --model-alias: model_aliases[0].replacement: must be a selector");
    assertThat(failure("", Map.of(), "--model-alias", "a=openai:gpt-4o").getMessage())
        .contains("command-line option --model-alias: model_aliases[0].replacement: unknown backend 'openai'");
    assertThat(failure("", Map.of(), "--model-alias", "=mock").getMessage())
        .contains("command-line option --model-alias: model_aliases[0].pattern: must be a regular expression");
  }

  @Test
  void emptyAliasVariableCountsAsUnset() throws IOException {
    assertThat(load(ALIASES_YAML, Map.of("LIP_MODEL_ALIASES", "")).modelAliases()).hasSize(3);
    assertThat(load("", Map.of("LIP_MODEL_ALIASES", " ; ")).modelAliases()).isEmpty();
  }

  @Test
  void failoverFollowsPrecedenceAndItsBoundsAreInclusive() throws IOException {
    String yaml = "failover: {max_hops: 3, time_budget_seconds: 60, max_silent_wait_seconds: 0}\n";
    assertThat(load(yaml, Map.of()).failover()).isEqualTo(new FailoverSettings(3, 60_000, 0));
    assertThat(load(yaml, Map.of("LIP_FAILOVER_MAX_HOPS", "50", "LIP_FAILOVER_TIME_BUDGET_SECONDS", "3600",
        "LIP_FAILOVER_MAX_SILENT_WAIT_SECONDS", "3600")).failover())
        .isEqualTo(new FailoverSettings(50, 3_600_000, 3_600_000));
    assertThat(load("failover: {max_hops: 1, time_budget_seconds: 1}", Map.of()).failover())
        .isEqualTo(new FailoverSettings(1, 1000, 30_000));
    assertThat(failure("", Map.of("LIP_FAILOVER_MAX_HOPS", "0")).getMessage())
        .contains("environment variable LIP_FAILOVER_MAX_HOPS: failover.max_hops: must be an integer in 1..50");
    assertThatThrownBy(() -> new FailoverSettings(0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FailoverSettings(1, 1, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void defaultBackendAndStaticRouteMayBeComposite() throws IOException {
    String yaml = "backends: {openai: {}, openai.2: {type: openai}}\n";
    assertThat(load(yaml, Map.of(), "--default-backend", "openai:gpt-4o|[max_context=8000]openai.2|mock")
        .defaultBackend()).isEqualTo("openai:gpt-4o|[max_context=8000]openai.2|mock");
    assertThat(load(yaml, Map.of(), "--static-route", "[weight=3]openai:gpt-4o^[weight=1]gpt-4o-mini")
        .staticRoute()).isEqualTo("[weight=3]openai:gpt-4o^[weight=1]gpt-4o-mini");
    assertThat(failure(yaml, Map.of(), "--default-backend", "openai|gpt-4o").getMessage())
        .contains("command-line option --default-backend: default_backend: unknown backend 'gpt-4o'");
  }

  // ------------------------------------------------------------------ commands, static route, sessions

  private static final String COMMANDS_YAML = String.join("\n",
      "commands:",
      "  enabled: false",
      "  prefix: \"##\"",
      "static_route: \" mock:scripted \"",
      "sessions:",
      "  max_entries: 5",
      "  idle_minutes: 2",
      "");

  @Test
  void commandsStaticRouteAndSessionsFromYaml() throws IOException {
    ProxyConfig c = load(COMMANDS_YAML, Map.of());
    assertThat(c.commands()).isEqualTo(new CommandSettings(false, "##"));
    assertThat(c.staticRoute()).isEqualTo("mock:scripted");
    assertThat(c.sessions()).isEqualTo(new SessionSettings(5, 120_000));
    assertThat(c.toString()).contains("commands=CommandSettings[enabled=false, prefix=##]",
        "staticRoute=mock:scripted", "sessions=SessionSettings[maxEntries=5, idleMs=120000]");
  }

  private static Map<String, String> commandsEnv() {
    return Map.of("LIP_COMMAND_PREFIX", "@@", "LIP_DISABLE_INTERACTIVE_COMMANDS", "false",
        "LIP_STATIC_ROUTE", "mock", "LIP_SESSION_MAX_ENTRIES", "7", "LIP_SESSION_IDLE_MINUTES", "3");
  }

  @Test
  void commandsStaticRouteAndSessionsFromTheEnvironmentOverrideYaml() throws IOException {
    ProxyConfig c = load(COMMANDS_YAML, commandsEnv());
    assertThat(c.commands()).isEqualTo(new CommandSettings(true, "@@"));
    assertThat(c.staticRoute()).isEqualTo("mock");
    assertThat(c.sessions()).isEqualTo(new SessionSettings(7, 180_000));
    // empty variables count as unset
    ProxyConfig empty = load(COMMANDS_YAML, Map.of("LIP_COMMAND_PREFIX", "", "COMMAND_PREFIX", "",
        "LIP_DISABLE_INTERACTIVE_COMMANDS", "", "LIP_STATIC_ROUTE", "", "LIP_SESSION_MAX_ENTRIES", ""));
    assertThat(empty.commands()).isEqualTo(new CommandSettings(false, "##"));
    assertThat(empty.staticRoute()).isEqualTo("mock:scripted");
    assertThat(empty.sessions().maxEntries()).isEqualTo(5);
  }

  @Test
  void commandLineOverridesTheEnvironmentForCommandsAndStaticRoute() throws IOException {
    ProxyConfig c = load(COMMANDS_YAML, commandsEnv(), "--command-prefix", "%%",
        "--disable-interactive-commands", "--static-route", "mock:other");
    assertThat(c.commands()).isEqualTo(new CommandSettings(false, "%%"));
    assertThat(c.staticRoute()).isEqualTo("mock:other");
    assertThat(c.sessions()).isEqualTo(new SessionSettings(7, 180_000));
    // an empty --static-route means none, whatever the layers below say
    assertThat(load(COMMANDS_YAML, commandsEnv(), "--static-route", "").staticRoute()).isNull();
  }

  @Test
  void bothPrefixVariablesAreReadAndTheLipOneWins() throws IOException {
    assertThat(load("", Map.of("COMMAND_PREFIX", "$$")).commands().prefix()).isEqualTo("$$");
    assertThat(load("", Map.of("LIP_COMMAND_PREFIX", "&&")).commands().prefix()).isEqualTo("&&");
    assertThat(load("", Map.of("COMMAND_PREFIX", "$$", "LIP_COMMAND_PREFIX", "&&")).commands().prefix())
        .isEqualTo("&&");
    ConfigException e = failure("", Map.of("COMMAND_PREFIX", "$$", "LIP_COMMAND_PREFIX", "&"));
    assertThat(e.getMessage()).contains("environment variable LIP_COMMAND_PREFIX: commands.prefix: ");
  }

  @Test
  void disableInteractiveCommandsTurnsCommandsOff() throws IOException {
    assertThat(load("", Map.of(), "--disable-interactive-commands").commands().enabled()).isFalse();
    assertThat(load("", Map.of(), "--disable-interactive-commands=true").commands().enabled()).isFalse();
    assertThat(load("commands: {enabled: false}", Map.of(), "--disable-interactive-commands=false")
        .commands().enabled()).isTrue();
    assertThat(load("", Map.of("LIP_DISABLE_INTERACTIVE_COMMANDS", "TRUE")).commands().enabled()).isFalse();
    assertThat(load("", Map.of("LIP_DISABLE_INTERACTIVE_COMMANDS", "yes")).commands().enabled()).isFalse();
    assertThat(load("commands: {enabled: off}", Map.of("LIP_DISABLE_INTERACTIVE_COMMANDS", "0"))
        .commands().enabled()).isTrue();
    // disabled commands keep their prefix (tokens are still recognised, to be stripped)
    assertThat(load("commands: {prefix: '::'}", Map.of(), "--disable-interactive-commands").commands())
        .isEqualTo(new CommandSettings(false, "::"));
    ConfigException e = failure("", Map.of("LIP_DISABLE_INTERACTIVE_COMMANDS", "maybe"));
    assertThat(e.getMessage()).contains("environment variable LIP_DISABLE_INTERACTIVE_COMMANDS: "
        + "commands.enabled: must be true or false (got 'maybe')");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "!|must be 2 to 10 characters long (got '!')",
      "!!!!!!!!!!!|must be 2 to 10 characters long (got '!!!!!!!!!!!')",
      "! /|must hold only printable ASCII characters other than space (0x21..0x7E) (got '! /')",
      "\u00a7/|must hold only printable ASCII characters other than space (0x21..0x7E) (got '\u00a7/')",
      "'!\t'|must hold only printable ASCII characters other than space",
  })
  void invalidPrefixIsRejectedFromEverySource(String prefix, String reason) {
    String file = dir.resolve("config.yaml").toString();
    String quoted = "\"" + prefix.replace("\t", "\\t") + "\"";
    assertThat(failure("commands: {prefix: " + quoted + "}", Map.of()).getMessage())
        .contains(file + ":1: commands.prefix: " + reason);
    assertThat(failure("", Map.of("COMMAND_PREFIX", prefix)).getMessage())
        .contains("environment variable COMMAND_PREFIX: commands.prefix: " + reason);
    assertThat(failure("", Map.of(), "--command-prefix", prefix).getMessage())
        .contains("command-line option --command-prefix: commands.prefix: " + reason);
  }

  @Test
  void prefixBoundsAreInclusive() throws IOException {
    assertThat(load("", Map.of(), "--command-prefix", "!!").commands().prefix()).isEqualTo("!!");
    assertThat(load("", Map.of(), "--command-prefix", "~~~~~~~~~~").commands().prefix()).isEqualTo("~~~~~~~~~~");
    assertThat(CommandSettings.prefixProblem("!/")).isNull();
    assertThat(CommandSettings.prefixProblem(null)).isEqualTo("must be set");
    assertThatThrownBy(() -> new CommandSettings(true, "x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void staticRouteMayNameABackendABackendAndModelOrABareModel() throws IOException {
    String yaml = "backends: {openai: {}, openai.2: {type: openai}}\n";
    assertThat(load(yaml, Map.of(), "--static-route", "openai.2").staticRoute()).isEqualTo("openai.2");
    assertThat(load(yaml, Map.of(), "--static-route", "openai:gpt-4o?temperature=0.2").staticRoute())
        .isEqualTo("openai:gpt-4o?temperature=0.2");
    assertThat(load(yaml, Map.of(), "--static-route", "gpt-4o").staticRoute()).isEqualTo("gpt-4o");
    assertThat(load(yaml, Map.of(), "--static-route", "   ").staticRoute()).isNull();
  }

  @Test
  void staticRouteProblemsNameTheirSource() {
    assertThat(failure("", Map.of("LIP_STATIC_ROUTE", "openai:gpt-4o")).getMessage())
        .contains("environment variable LIP_STATIC_ROUTE: static_route: unknown backend 'openai' "
            + "(configured: mock)");
    assertThat(failure("", Map.of(), "--static-route", "mock:m?top_k=1").getMessage())
        .contains("command-line option --static-route: static_route: invalid model selector 'mock:m?top_k=1'",
            "unknown parameter 'top_k'");
  }

  @Test
  void sessionLimitBoundsAreInclusive() throws IOException {
    assertThat(load("sessions: {max_entries: 1, idle_minutes: 1}", Map.of()).sessions())
        .isEqualTo(new SessionSettings(1, 60_000));
    assertThat(load("sessions: {max_entries: 10000000, idle_minutes: 525600}", Map.of()).sessions())
        .isEqualTo(new SessionSettings(10_000_000, 525_600L * 60_000));
    ConfigException e = failure("", Map.of("LIP_SESSION_IDLE_MINUTES", "-1"));
    assertThat(e.getMessage()).contains("environment variable LIP_SESSION_IDLE_MINUTES: sessions.idle_minutes: "
        + "must be an integer in 1..525600");
    assertThatThrownBy(() -> new SessionSettings(0, 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void reportsTheLineOfTheOffendingKey() {
    String yaml = String.join("\n",
        "server:",
        "  port: 8000",
        "backends:",
        "  openai:",
        "    timeouts:",
        "      idle_ms: -1",
        "");
    ConfigException e = failure(yaml, Map.of());
    assertThat(e.getMessage()).contains("config.yaml:6: backends.openai.timeouts.idle_ms: "
        + "must be a non-negative integer");
  }

  @Test
  void reportsEveryProblemAtOnce() {
    ConfigException e = failure("server: {port: -1}\nlog_level: loud\n", Map.of());
    assertThat(e.problems()).hasSize(2);
    assertThat(e.getMessage()).contains("2 problems", "server.port", "log_level");
  }

  @Test
  void problemsFromTheEnvironmentAndTheCommandLineNameTheirSource() {
    ConfigException env = failure("", Map.of("LIP_PORT", "abc"));
    assertThat(env.getMessage())
        .contains("environment variable LIP_PORT: server.port: port must be an integer in 0..65535 (got 'abc')");
    ConfigException cli = failure("", Map.of(), "--port", "70000");
    assertThat(cli.getMessage()).contains("command-line option --port: server.port: port must be");
    ConfigException backend = failure("", Map.of(), "--default-backend", "openai");
    assertThat(backend.getMessage()).contains("command-line option --default-backend: default_backend: "
        + "unknown backend 'openai'");
  }

  @Test
  void yamlSyntaxErrorNamesFileAndLineWithoutQuotingTheSource() {
    String yaml = "server:\n  port: 8000\nbackends:\n  openai:\n    api_keys: [\"" + SECRET + "\n";
    ConfigException e = failure(yaml, Map.of());
    assertThat(e.getMessage()).contains(dir.resolve("config.yaml") + ":").contains("YAML syntax error")
        .doesNotContain(SECRET);
    assertThat(e.getMessage()).matches("(?s).*config\\.yaml:[56]:\\d+: YAML syntax error.*");
    assertThat(e.getCause()).isNull();
  }

  @Test
  void duplicateKeysAndNonMappingTopLevelAreErrors() {
    assertThat(failure("server: {}\nserver: {}\n", Map.of()).getMessage())
        .contains("config.yaml:2: server: duplicate key");
    assertThat(failure("- a\n- b\n", Map.of()).getMessage()).contains("config.yaml:1: the top level must be a mapping");
  }

  @Test
  void missingExplicitConfigFileIsAnError() {
    Path missing = dir.resolve("nope.yaml");
    assertThatThrownBy(() -> ConfigLoader.load(CliOptions.parse("--config", missing.toString()), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("config file not found: " + missing);
  }

  // ------------------------------------------------------------------ shipped file

  @Test
  void shippedConfigLoadsWithTheDocumentedDefaults() {
    Path shipped = Path.of("conf", "config.yaml");
    assertThat(shipped).isRegularFile();
    assertThat(CliOptions.parse().configFile()).contains(shipped);
    ProxyConfig c = ConfigLoader.load(CliOptions.parse("--config", shipped.toString()), Map.of());
    assertThat(c.host()).isEqualTo(ConfigLoader.DEFAULT_HOST).isEqualTo("127.0.0.1");
    assertThat(c.port()).isEqualTo(8000);
    assertThat(c.bodyLimitBytes()).isEqualTo(32L * 1024 * 1024);
    assertThat(c.sseKeepAliveMs()).isEqualTo(15_000);
    assertThat(c.slowClientMs()).isEqualTo(30_000);
    assertThat(c.authDisabled()).isFalse();
    assertThat(c.clientApiKeys()).isEmpty();
    assertThat(c.logLevel()).isEqualTo("info");
    assertThat(c.defaultBackend()).isEqualTo("mock");
    assertThat(c.backends().keySet()).containsExactly("openai", "mock");
    BackendConfig o = c.backends().get("openai");
    assertThat(o).isEqualTo(new BackendConfig("openai", "openai", "https://api.openai.com/v1", List.of(),
        List.of(), Timeouts.DEFAULTS, Map.of(), 100, Map.of()));
    assertThat(o.rateLimits()).isEqualTo(RateLimits.NONE);
    assertThat(o.circuitBreaker()).isEqualTo(BreakerSettings.DEFAULTS);
    assertThat(o.sessionAffinity()).isFalse();
    assertThat(c.commands()).isEqualTo(CommandSettings.DEFAULTS);
    assertThat(c.staticRoute()).isNull();
    assertThat(c.sessions()).isEqualTo(SessionSettings.DEFAULTS);
    assertThat(c.modelAliases()).isEmpty();
    assertThat(c.failover()).isEqualTo(FailoverSettings.DEFAULTS);

    // the file only restates the defaults: without it the same values come out
    ProxyConfig bare = ConfigLoader.load(CliOptions.parse("--config", shipped.toString()),
        Map.of("OPENAI_API_KEY", SECRET));
    assertThat(bare.defaultBackend()).isEqualTo("openai");
    assertThat(bare.backends().get("openai").apiKeys()).containsExactly(SECRET);
  }

  // ------------------------------------------------------------------ secrets

  @Test
  void keysNeverAppearInToStringOrErrors() throws IOException {
    String yaml = "auth: {api_keys: [\"" + SECRET + "-client\"]}\n"
        + "backends: {openai: {api_keys: [\"" + SECRET + "\"], headers: {Authorization: \"Bearer "
        + SECRET + "-h\"}}}\n";
    ProxyConfig c = load(yaml, Map.of("OPENAI_API_KEY_1", SECRET + "-1"));
    assertThat(c.toString()).doesNotContain(SECRET);
    assertThat(c.backends().get("openai").toString()).doesNotContain(SECRET);
    assertThat(c.backends().get("openai").timeouts().toString()).doesNotContain(SECRET);

    ConfigException e = failure("server: {port: \"${OPENAI_API_KEY}\", host: os.environ/TOKEN}\n"
        + "log_level: \"" + SECRET + "\"\nbackends: {openai: {api_keys: [\"" + SECRET + "\"]}}",
        Map.of("OPENAI_API_KEY", SECRET + "-env", "TOKEN", "   "));
    assertThat(e.getMessage()).contains("server.port", "log_level", "(hidden)").doesNotContain(SECRET);
    assertThat(e.toString()).doesNotContain(SECRET);
  }
}
