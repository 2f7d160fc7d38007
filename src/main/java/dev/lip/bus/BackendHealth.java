package dev.lip.bus;

import java.util.List;
import java.util.Objects;

/**
 * How one backend instance is doing, as it answers on {@link Addresses#health(String)}. Keys appear
 * masked only.
 *
 * @param health       {@code ok}, {@code degraded} (some keys out, or a recent failure), {@code probing}
 *                     (breaker half-open), {@code open} (breaker open) or {@code down} (every key refused)
 * @param breaker      the circuit breaker's state ({@code CLOSED}, {@code OPEN}, {@code HALF_OPEN})
 * @param breakerRetryAfterMs time until an open breaker lets a probe through, 0 otherwise
 * @param inFlight     requests being served now
 * @param requestsLastMinute requests started in the last minute
 * @param tokensLastMinute   tokens counted in the last minute
 * @param keys         each key's state, in configuration order
 * @param recentError  the latest failure, or {@code null}
 * @param recentErrorAt epoch milliseconds of the latest failure, 0 when none
 */
public record BackendHealth(
    String name, String type, String health, String breaker, long breakerRetryAfterMs, int inFlight,
    int requestsLastMinute, long tokensLastMinute, List<Key> keys, String recentError, long recentErrorAt) {

  public BackendHealth {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(health, "health");
    keys = List.copyOf(keys);
  }

  /**
   * One key.
   *
   * @param masked             the key masked as {@code sk-…abcd}
   * @param state              {@code active}, {@code cooling} or {@code disabled}
   * @param cooldownRemainingMs time until a cooling key is back, 0 otherwise
   * @param lastError          why the key was last taken out, or {@code null}
   */
  public record Key(String masked, String state, long cooldownRemainingMs, String lastError) {
  }
}
