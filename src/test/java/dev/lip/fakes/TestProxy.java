package dev.lip.fakes;

import dev.lip.Gateway;
import dev.lip.config.BackendConfig;
import dev.lip.config.ProxyConfig;
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

  /** A configuration on 127.0.0.1, port 0, with these backends and default backend. */
  public static ProxyConfig config(String defaultBackend, long keepAliveMs, long bodyLimitBytes,
      BackendConfig... backends) {
    Map<String, BackendConfig> byName = new LinkedHashMap<>();
    for (BackendConfig backend : backends) {
      byName.put(backend.name(), backend);
    }
    return new ProxyConfig("127.0.0.1", 0, -1, defaultBackend, "info", true, List.of(), bodyLimitBytes,
        keepAliveMs, 30_000, byName);
  }

  /** Deploys the proxy and returns its port. Call from a test thread. */
  public static int start(Vertx vertx, ProxyConfig config) {
    return new Gateway(vertx, config, 2).start().await().main();
  }
}
