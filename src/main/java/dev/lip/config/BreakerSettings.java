package dev.lip.config;

/**
 * When one backend instance's circuit breaker opens, and for how long.
 *
 * @param failureThreshold the consecutive failures that open the breaker; 0 turns the breaker off
 * @param openMs           how long an open breaker rejects calls before it lets one probe through, in
 *                         milliseconds
 */
public record BreakerSettings(int failureThreshold, long openMs) {
  /** Open after 5 consecutive failures, for 30 seconds. */
  public static final BreakerSettings DEFAULTS = new BreakerSettings(5, 30_000);

  /**
   * @throws IllegalArgumentException when the threshold is negative or the open time not positive
   */
  public BreakerSettings {
    if (failureThreshold < 0 || openMs < 1) {
      throw new IllegalArgumentException("breaker settings out of range (failureThreshold=" + failureThreshold
          + ", openMs=" + openMs + ")");
    }
  }

  /** Whether the breaker may open at all. */
  public boolean enabled() {
    return failureThreshold > 0;
  }
}
