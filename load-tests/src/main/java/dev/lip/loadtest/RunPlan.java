package dev.lip.loadtest;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Shared, thread-safe plan of one closed-loop run: either time-bounded (warm-up then a measured
 * window) or count-bounded (a fixed number of tickets), always under a hard deadline.
 */
final class RunPlan {
  final long warmupEndNanos;
  final long measureEndNanos;
  final int streamEvery;
  final long maxErrors;
  /** True for a fixed-count run; its {@link #tickets} then bound the number of requests. */
  final boolean countMode;
  private final AtomicLong tickets;
  private final AtomicLong issued = new AtomicLong();
  final AtomicLong errors = new AtomicLong();
  final AtomicReference<String> firstError = new AtomicReference<>();
  final CountDownLatch loopsDone;

  private RunPlan(long warmupEnd, long measureEnd, long count, int streamEvery, long maxErrors,
      int loops) {
    this.warmupEndNanos = warmupEnd;
    this.measureEndNanos = measureEnd;
    this.countMode = count >= 0;
    this.tickets = new AtomicLong(count);
    this.streamEvery = streamEvery;
    this.maxErrors = maxErrors;
    this.loopsDone = new CountDownLatch(loops);
  }

  static RunPlan timed(double warmupSec, double durationSec, int streamEvery, long maxErrors,
      int loops) {
    long now = System.nanoTime();
    long warmupEnd = now + (long) (warmupSec * 1e9);
    return new RunPlan(warmupEnd, warmupEnd + (long) (durationSec * 1e9), -1, streamEvery,
        maxErrors, loops);
  }

  static RunPlan counted(long count, double maxSec, int streamEvery, long maxErrors, int loops) {
    long now = System.nanoTime();
    return new RunPlan(now, now + (long) (maxSec * 1e9), count, streamEvery, maxErrors, loops);
  }

  /**
   * Claims the next request. Returns its sequence number (>= 0), or -1 when the loop must stop:
   * window over, tickets exhausted, or too many errors.
   */
  long next(long nowNanos) {
    if (nowNanos >= measureEndNanos || errors.get() > maxErrors) {
      return -1;
    }
    if (countMode && tickets.getAndDecrement() <= 0) {
      return -1;
    }
    return issued.getAndIncrement();
  }

  boolean isStream(long seq) {
    return streamEvery > 0 && seq % streamEvery == 0;
  }

  /** Whether a request completing at {@code endNanos} belongs to the measured window. */
  boolean measured(long endNanos) {
    return endNanos >= warmupEndNanos && endNanos <= measureEndNanos;
  }

  void error(Throwable t) {
    errors.incrementAndGet();
    firstError.compareAndSet(null, String.valueOf(t.getMessage()));
  }
}
