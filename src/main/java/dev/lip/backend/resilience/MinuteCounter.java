package dev.lip.backend.resilience;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * An approximate, lock-free count of what happened in the last minute, for diagnostics where nothing is
 * enforced: the current minute's count plus the share of the previous minute still inside the window.
 * Adds racing with a minute's turn may land in either minute.
 */
final class MinuteCounter {
  private static final long MINUTE_MS = 60_000;

  private final AtomicLong minute = new AtomicLong(Long.MIN_VALUE);
  private final LongAdder current = new LongAdder();
  private volatile long previous;

  void add(long now, long amount) {
    turn(now);
    current.add(amount);
  }

  long lastMinute(long now) {
    turn(now);
    long elapsed = Math.floorMod(now, MINUTE_MS);
    return current.sum() + previous * (MINUTE_MS - elapsed) / MINUTE_MS;
  }

  private void turn(long now) {
    long thisMinute = Math.floorDiv(now, MINUTE_MS);
    long seen = minute.get();
    if (seen != thisMinute && minute.compareAndSet(seen, thisMinute)) {
      long finished = current.sumThenReset();
      previous = seen == thisMinute - 1 ? finished : 0;
    }
  }
}
