package dev.lip.backend.resilience;

/**
 * Stops calling a failing backend instance ({@link dev.lip.config.BreakerSettings}): after enough
 * consecutive failures the breaker opens and rejects calls; once the open time has passed it lets exactly
 * one probe through, whose outcome closes or re-opens it.
 */
public interface CircuitBreaker {

  /** Where the breaker stands. */
  enum State {
    /** Calls pass. */
    CLOSED,
    /** Calls are rejected until the open time has passed. */
    OPEN,
    /** One probe call is out (or about to be); others are rejected until it reports. */
    HALF_OPEN
  }

  /**
   * Whether a call may go ahead now: always when closed; never while open; once the open time has passed,
   * {@code true} for exactly one caller (the probe) and {@code false} for the others while the probe is
   * out. Every {@code true} must be followed by {@link #succeeded()} or {@link #failed()}.
   */
  boolean tryPass();

  /** A call succeeded: the breaker closes and the failure count starts again. */
  void succeeded();

  /**
   * A call failed: counts one more consecutive failure and opens the breaker at the threshold; a failed
   * probe re-opens it for another open time.
   */
  void failed();

  /** The current state. */
  State state();

  /**
   * How long until a call may pass: 0 when closed; while open, the time until the probe; while half-open,
   * the time until an unanswered probe is given up and another one let through.
   */
  long retryAfterMs();

  /** Closes the breaker and forgets the failures. */
  void reset();
}
