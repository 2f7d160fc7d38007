package dev.lip.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One configured backend instance.
 *
 * @param name            the instance name used in selectors (e.g. {@code openai}, {@code openai.2})
 * @param type            the provider type (e.g. {@code openai}, {@code mock})
 * @param baseUrl         the provider base URL, without a trailing slash
 * @param apiKeys         the provider keys (secrets: never log them)
 * @param models          the models this instance advertises; empty when unknown
 * @param headers         extra headers sent on every upstream request
 * @param maxConnections  the upstream HTTP connection pool size
 * @param extra           type-specific settings from the YAML {@code extra} mapping (JSON-like, unmodifiable;
 *                        may hold secrets: never log it)
 * @param rateLimits      requests/minute, tokens/minute and concurrency limits of this instance
 * @param circuitBreaker  when this instance's circuit breaker opens, and for how long
 * @param sessionAffinity whether a session keeps using the same key of {@code apiKeys} while that key is
 *                        available (for provider prompt caching)
 */
public record BackendConfig(
    String name, String type, String baseUrl, List<String> apiKeys, List<String> models,
    Timeouts timeouts, Map<String, String> headers, int maxConnections, Map<String, Object> extra,
    RateLimits rateLimits, BreakerSettings circuitBreaker, boolean sessionAffinity) {

  /** A backend without type-specific {@code extra} settings, with default resilience settings. */
  public BackendConfig(String name, String type, String baseUrl, List<String> apiKeys, List<String> models,
      Timeouts timeouts, Map<String, String> headers, int maxConnections) {
    this(name, type, baseUrl, apiKeys, models, timeouts, headers, maxConnections, Map.of());
  }

  /**
   * A backend with default resilience settings: no rate limits, the default circuit breaker, no session
   * affinity.
   */
  public BackendConfig(String name, String type, String baseUrl, List<String> apiKeys, List<String> models,
      Timeouts timeouts, Map<String, String> headers, int maxConnections, Map<String, Object> extra) {
    this(name, type, baseUrl, apiKeys, models, timeouts, headers, maxConnections, extra, RateLimits.NONE,
        BreakerSettings.DEFAULTS, false);
  }

  public BackendConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(baseUrl, "baseUrl");
    apiKeys = List.copyOf(apiKeys);
    models = List.copyOf(models);
    Objects.requireNonNull(timeouts, "timeouts");
    headers = Map.copyOf(headers);
    extra = extra == null ? Map.of()
        : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extra));
    Objects.requireNonNull(rateLimits, "rateLimits");
    Objects.requireNonNull(circuitBreaker, "circuitBreaker");
  }

  /** Whether this instance has at least one key. */
  public boolean hasKey() {
    return !apiKeys.isEmpty();
  }

  @Override
  public String toString() {
    return "BackendConfig[name=" + name + ", type=" + type + ", baseUrl=" + baseUrl + ", keys="
        + apiKeys.size() + ", models=" + models + ", rateLimits=" + rateLimits + ", circuitBreaker="
        + circuitBreaker + ", sessionAffinity=" + sessionAffinity + "]";
  }
}
