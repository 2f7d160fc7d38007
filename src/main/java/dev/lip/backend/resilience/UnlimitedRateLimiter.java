package dev.lip.backend.resilience;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The {@link RateLimiter} of a backend without limits: grants every request without a lock, and only
 * counts, for diagnostics (requests and tokens of the last minute are approximate).
 */
public final class UnlimitedRateLimiter implements RateLimiter {
  private final LongSupplier clock;
  private final AtomicLong lastId = new AtomicLong();
  private final Set<Long> outstanding = ConcurrentHashMap.newKeySet();
  private final MinuteCounter requests = new MinuteCounter();
  private final MinuteCounter tokens = new MinuteCounter();

  /** @param clock the current time in epoch milliseconds ({@code System::currentTimeMillis}) */
  public UnlimitedRateLimiter(LongSupplier clock) {
    this.clock = clock;
  }

  @Override
  public Decision tryAcquire(long estimatedTokens) {
    long now = clock.getAsLong();
    requests.add(now, 1);
    Permit permit = new Permit(lastId.incrementAndGet(), now, 0);
    outstanding.add(permit.id());
    return new Decision.Granted(permit);
  }

  @Override
  public void release(Permit permit, long actualTokens) {
    if (permit != null && outstanding.remove(permit.id())) {
      tokens.add(clock.getAsLong(), Math.max(0, actualTokens));
    }
  }

  @Override
  public Status status() {
    long now = clock.getAsLong();
    return new Status(outstanding.size(), (int) requests.lastMinute(now), tokens.lastMinute(now));
  }
}
