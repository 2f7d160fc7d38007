package dev.lip.frontend;

import dev.lip.config.ProxyConfig;
import dev.lip.config.TimeBudgets;

/**
 * The time limits of one client exchange.
 *
 * @param keepAliveMs   silence after which a streaming client gets {@code : keep-alive}; 0 for never
 * @param slowClientMs  how long a client's write queue may stay full before it is cut off
 * @param idleBoundMs   how long a started stream may stay silent before the backend is given up
 * @param callTimeoutMs how long a call may wait for its answer to start
 */
record StreamLimits(long keepAliveMs, long slowClientMs, long idleBoundMs, long callTimeoutMs) {

  static StreamLimits of(ProxyConfig config) {
    return new StreamLimits(config.sseKeepAliveMs(), config.slowClientMs(),
        TimeBudgets.streamIdleBoundMs(config), TimeBudgets.callTimeoutMs(config));
  }

  /** How often the exchanges' timers are checked: fine enough for the shortest limit. */
  long tickMs() {
    long shortest = keepAliveMs > 0 ? Math.min(keepAliveMs, slowClientMs) : slowClientMs;
    return Math.max(10, Math.min(1_000, shortest / 4));
  }
}
