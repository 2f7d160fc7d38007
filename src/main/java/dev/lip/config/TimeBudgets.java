package dev.lip.config;

/**
 * The bounds every wait between the verticles derives from, so that frontend, router and backend agree
 * and a dead peer never leaves a client hanging.
 */
public final class TimeBudgets {
  /** Slack for event-bus hops on top of a backend's own limits. */
  public static final long MARGIN_MS = 2_000;
  /** The bound used where every configured limit is disabled. */
  public static final long FALLBACK_MS = 3_600_000;

  private TimeBudgets() {
  }

  /** How long the router waits for a backend to report that it started answering, or failed. */
  public static long dispatchTimeoutMs(BackendConfig backend) {
    Timeouts t = backend.timeouts();
    long firstByte = t.firstByteMs() > 0 ? t.firstByteMs() : t.totalMs() > 0 ? t.totalMs() : FALLBACK_MS;
    return t.connectMs() + firstByte + MARGIN_MS;
  }

  /**
   * How long a frontend waits for the answer to a call to start: the failover time budget (after which no
   * new attempt starts), then the longest attempt.
   */
  public static long callTimeoutMs(ProxyConfig config) {
    long max = 0;
    for (BackendConfig backend : config.backends().values()) {
      max = Math.max(max, dispatchTimeoutMs(backend));
    }
    return config.failover().timeBudgetMs() + max + MARGIN_MS;
  }

  /** The longest silence a frontend accepts on a started stream before it gives up on the backend. */
  public static long streamIdleBoundMs(ProxyConfig config) {
    long max = 0;
    for (BackendConfig backend : config.backends().values()) {
      long idle = backend.timeouts().idleMs() > 0 ? backend.timeouts().idleMs() : FALLBACK_MS;
      max = Math.max(max, idle);
    }
    return max + MARGIN_MS;
  }
}
