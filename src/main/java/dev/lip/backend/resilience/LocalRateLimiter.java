package dev.lip.backend.resilience;

import dev.lip.config.RateLimits;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * A {@link RateLimiter} held in this process. Requests and tokens are counted in a {@link SlidingWindow},
 * so "at most N in any 60 s window" holds (erring by at most 100 ms on the safe side) and a denial says
 * when enough of the oldest counted requests fall out. Thread-safe: every method is atomic.
 *
 * <p>A token overrun found at release is charged at release time (when those tokens were produced); a
 * token refund goes back to the window where the estimate was charged, if that is still counted. Should
 * the clock step back, the limiter keeps its latest reading until the clock catches up.
 */
public final class LocalRateLimiter implements RateLimiter {
  /** The retry hint when only the concurrency limit is hit: a slot frees when some running request ends. */
  static final long CONCURRENCY_RETRY_MS = 250;

  private final RateLimits limits;
  private final LongSupplier clock;
  private final SlidingWindow requests = new SlidingWindow();
  private final SlidingWindow tokens = new SlidingWindow();
  /** The ids of the permits granted and not yet released. */
  private final Set<Long> outstanding = new HashSet<>();
  private long lastId;
  private long lastNow = Long.MIN_VALUE;

  /**
   * @param limits the limits; 0 lifts one
   * @param clock  the current time in epoch milliseconds ({@code System::currentTimeMillis})
   */
  public LocalRateLimiter(RateLimits limits, LongSupplier clock) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public synchronized Decision tryAcquire(long estimatedTokens) {
    long now = now();
    long estimate = Math.max(0, estimatedTokens);
    long wait = 0;
    List<String> hit = new ArrayList<>(3);
    int maxConcurrent = limits.maxConcurrent();
    if (maxConcurrent > 0 && outstanding.size() >= maxConcurrent) {
      wait = CONCURRENCY_RETRY_MS;
      hit.add(maxConcurrent + " concurrent requests");
    }
    int rpm = limits.requestsPerMinute();
    long requestWait = rpm > 0 ? requests.waitMs(now, rpm, 1) : 0;
    if (requestWait > 0) {
      wait = Math.max(wait, requestWait);
      hit.add(rpm + " requests/minute");
    }
    int tpm = limits.tokensPerMinute();
    long tokenWait = tpm > 0 ? tokens.waitMs(now, tpm, Math.min(estimate, tpm)) : 0;
    if (tokenWait > 0) {
      wait = Math.max(wait, tokenWait);
      hit.add(tpm + " tokens/minute");
    }
    if (!hit.isEmpty()) {
      return new Decision.Denied(wait, String.join(" and ", hit));
    }
    requests.add(now, 1);
    tokens.add(now, estimate);
    Permit permit = new Permit(++lastId, now, estimate);
    outstanding.add(permit.id());
    return new Decision.Granted(permit);
  }

  @Override
  public synchronized void release(Permit permit, long actualTokens) {
    if (permit == null || !outstanding.remove(permit.id())) {
      return;
    }
    long now = now();
    long difference = Math.max(0, actualTokens) - permit.estimatedTokens();
    if (difference > 0) {
      tokens.add(now, difference);
    } else if (difference < 0) {
      tokens.refund(SlidingWindow.slotOf(permit.acquiredAtMs()), now, -difference);
    }
  }

  @Override
  public synchronized Status status() {
    long now = now();
    return new Status(outstanding.size(), (int) requests.total(now), tokens.total(now));
  }

  private long now() {
    lastNow = Math.max(lastNow, clock.getAsLong());
    return lastNow;
  }
}
