package dev.lip.backend.resilience;

import java.util.Objects;

/**
 * The rate limits of one backend instance ({@link dev.lip.config.RateLimits}): requests started and
 * tokens used in any 60 s window, and requests running at once. A request asks for a {@link Permit}
 * before it starts and gives it back when it ends.
 */
public interface RateLimiter {

  /**
   * Takes a permit for one request, unless that would break a limit.
   *
   * @param estimatedTokens the tokens the request is expected to use (prompt plus expected output); a
   *                        request estimated above the whole tokens/minute limit is let through once the
   *                        window is empty
   * @return {@link Decision.Granted} with the permit to {@link #release} later, or
   *     {@link Decision.Denied} saying when to try again and which limit was hit
   */
  Decision tryAcquire(long estimatedTokens);

  /**
   * Gives back a permit: frees its concurrency slot and replaces its estimated token count by the actual
   * one. Releasing a permit twice does nothing.
   */
  void release(Permit permit, long actualTokens);

  /** What the limits count right now, for diagnostics. */
  Status status();

  /** The answer of {@link #tryAcquire(long)}. */
  sealed interface Decision {

    /** The request may start; release the permit when it ends. */
    record Granted(Permit permit) implements Decision {
      public Granted {
        Objects.requireNonNull(permit, "permit");
      }
    }

    /**
     * The request would break a limit.
     *
     * @param retryAfterMs how long until the same request would be granted, as far as the limiter can
     *                     tell (for the concurrency limit, which frees when a running request ends, a
     *                     short polling interval)
     * @param reason       the limits hit, e.g. {@code 60 requests/minute}
     */
    record Denied(long retryAfterMs, String reason) implements Decision {
      public Denied {
        Objects.requireNonNull(reason, "reason");
      }
    }
  }

  /**
   * The right to run one request.
   *
   * @param id              unique among the permits of one limiter
   * @param acquiredAtMs    when it was granted (epoch ms)
   * @param estimatedTokens the tokens charged when it was granted
   */
  record Permit(long id, long acquiredAtMs, long estimatedTokens) {
  }

  /**
   * What the limits count.
   *
   * @param inFlight           permits granted and not yet released
   * @param requestsLastMinute requests started in the last minute
   * @param tokensLastMinute   tokens charged in the last minute
   */
  record Status(int inFlight, int requestsLastMinute, long tokensLastMinute) {
  }
}
