package dev.lip.backend.resilience;

import dev.lip.config.BreakerSettings;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A {@link CircuitBreaker} held in this process. Thread-safe: every method is atomic, so only one of many
 * concurrent callers becomes the probe. A probe that never reports is given up after another open time,
 * and the next caller becomes the probe. With a failure threshold of 0 the breaker never opens.
 */
public final class LocalCircuitBreaker implements CircuitBreaker {
  private final BreakerSettings settings;
  private final LongSupplier clock;
  // Volatile so that the common case (closed, no failures) needs no lock.
  private volatile State state = State.CLOSED;
  private volatile int failures;
  /** While open: when the probe may go (epoch ms). While half-open: when the probe is given up. */
  private long deadline;

  /**
   * @param settings the failure threshold and the open time
   * @param clock    the current time in epoch milliseconds ({@code System::currentTimeMillis})
   */
  public LocalCircuitBreaker(BreakerSettings settings, LongSupplier clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public boolean tryPass() {
    return state == State.CLOSED || tryPassSlowly();
  }

  private synchronized boolean tryPassSlowly() {
    if (state == State.CLOSED) {
      return true;
    }
    long now = clock.getAsLong();
    if (now < deadline) {
      return false;
    }
    state = State.HALF_OPEN;
    deadline = after(now);
    return true;
  }

  @Override
  public void succeeded() {
    if (state != State.CLOSED || failures != 0) {
      close();
    }
  }

  private synchronized void close() {
    state = State.CLOSED;
    failures = 0;
  }

  @Override
  public synchronized void failed() {
    if (!settings.enabled()) {
      return;
    }
    failures = failures == Integer.MAX_VALUE ? failures : failures + 1;
    if (state == State.HALF_OPEN || (state == State.CLOSED && failures >= settings.failureThreshold())) {
      state = State.OPEN;
      deadline = after(clock.getAsLong());
    }
  }

  @Override
  public State state() {
    return state;
  }

  @Override
  public synchronized long retryAfterMs() {
    return state == State.CLOSED ? 0 : Math.max(0, deadline - clock.getAsLong());
  }

  @Override
  public void reset() {
    close();
  }

  /** One open time after {@code now}. */
  private long after(long now) {
    return settings.openMs() > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + settings.openMs();
  }
}
