package dev.lip.config;

/**
 * Bounds of the router's failover across the branches of a selector.
 *
 * @param maxHops         the most attempts one request makes, the first included
 * @param timeBudgetMs    the longest one request may spend trying, in milliseconds
 * @param maxSilentWaitMs the longest {@code Retry-After} worth waiting for on the same backend (streaming
 *                        clients get keep-alives meanwhile); a longer one fails over at once; 0 never waits
 */
public record FailoverSettings(int maxHops, long timeBudgetMs, long maxSilentWaitMs) {
  /** 5 hops, 90 seconds in all, waits of up to 30 seconds. */
  public static final FailoverSettings DEFAULTS = new FailoverSettings(5, 90_000, 30_000);

  /**
   * @throws IllegalArgumentException when {@code maxHops} or {@code timeBudgetMs} is not positive or
   *     {@code maxSilentWaitMs} is negative
   */
  public FailoverSettings {
    if (maxHops < 1 || timeBudgetMs < 1 || maxSilentWaitMs < 0) {
      throw new IllegalArgumentException("failover bounds out of range (maxHops=" + maxHops + ", timeBudgetMs="
          + timeBudgetMs + ", maxSilentWaitMs=" + maxSilentWaitMs + ")");
    }
  }
}
