package dev.lip.fakes;

import dev.lip.Gateway;
import dev.lip.config.BackendConfig;
import dev.lip.config.CommandSettings;
import dev.lip.config.FailoverSettings;
import dev.lip.config.ProxyConfig;
import dev.lip.config.SessionSettings;
import dev.lip.config.Timeouts;
import io.vertx.core.Vertx;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds configurations for tests and starts a whole proxy on a free port. */
public final class TestProxy {
  private TestProxy() {
  }

  /** A backend of type {@code openai} at {@code baseUrl}, with one key. */
  public static BackendConfig openai(String name, String baseUrl, Timeouts timeouts, List<String> models) {
    return new BackendConfig(name, "openai", baseUrl, List.of("sk-test-key-0123456789"), models, timeouts,
        Map.of(), 20);
  }

  /** The built-in mock backend. */
  public static BackendConfig mock() {
    return new BackendConfig("mock", "mock", "mock://local", List.of(), List.of(), Timeouts.DEFAULTS,
        Map.of(), 1);
  }

  /** Failover defaults, except that a {@code Retry-After} is never waited out: the error reaches the client. */
  public static final FailoverSettings NO_SILENT_WAIT = new FailoverSettings(FailoverSettings.DEFAULTS.maxHops(),
      FailoverSettings.DEFAULTS.timeBudgetMs(), 0);

  /**
   * A configuration on 127.0.0.1, port 0, with these backends and default backend, and
   * {@link #NO_SILENT_WAIT} (a scripted 429 reaches the client at once).
   */
  public static ProxyConfig config(String defaultBackend, long keepAliveMs, long bodyLimitBytes,
      BackendConfig... backends) {
    Map<String, BackendConfig> byName = new LinkedHashMap<>();
    for (BackendConfig backend : backends) {
      byName.put(backend.name(), backend);
    }
    return new ProxyConfig("127.0.0.1", 0, -1, defaultBackend, "info", true, List.of(), bodyLimitBytes,
        keepAliveMs, 30_000, byName, CommandSettings.DEFAULTS, null, SessionSettings.DEFAULTS, List.of(),
        NO_SILENT_WAIT);
  }

  /**
   * Puts every backend's keys back in use and closes its breaker, through the diagnostics endpoint, so
   * that a test's scripted failures (key cooldowns, breaker counts) do not leak into the next test.
   */
  public static void reactivate(Client client, ProxyConfig config) {
    for (String backend : config.backends().keySet()) {
      Client.Answer answer = client.post("/v1/diagnostics/backends/" + backend + "/reactivate", "");
      if (answer.status() != 200) {
        throw new IllegalStateException("reactivating " + backend + " failed: " + answer.raw().body());
      }
    }
  }

  /** Deploys the proxy and returns its port. Call from a test thread. */
  public static int start(Vertx vertx, ProxyConfig config) {
    return new Gateway(vertx, config, 2).start().await().main();
  }
}
