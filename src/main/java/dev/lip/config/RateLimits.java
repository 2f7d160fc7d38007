package dev.lip.config;

/**
 * The request rate one backend instance accepts; 0 lifts a limit.
 *
 * @param requestsPerMinute the most requests started in any 60 s window
 * @param tokensPerMinute   the most tokens (estimated when a request starts, corrected when it ends) in any
 *                          60 s window
 * @param maxConcurrent     the most requests running at once
 */
public record RateLimits(int requestsPerMinute, int tokensPerMinute, int maxConcurrent) {
  /** No limit at all. */
  public static final RateLimits NONE = new RateLimits(0, 0, 0);

  /**
   * @throws IllegalArgumentException when a limit is negative
   */
  public RateLimits {
    if (requestsPerMinute < 0 || tokensPerMinute < 0 || maxConcurrent < 0) {
      throw new IllegalArgumentException("rate limits must not be negative (requestsPerMinute="
          + requestsPerMinute + ", tokensPerMinute=" + tokensPerMinute + ", maxConcurrent=" + maxConcurrent + ")");
    }
  }
}
