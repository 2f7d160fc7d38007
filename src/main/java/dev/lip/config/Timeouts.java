package dev.lip.config;

/**
 * Upstream time limits of one backend, in milliseconds; 0 disables a limit.
 *
 * @param connectMs   to open (or borrow) a connection
 * @param firstByteMs from sending the request to the first content event
 * @param idleMs      longest silence between two upstream chunks once streaming
 * @param totalMs     the whole exchange
 */
public record Timeouts(long connectMs, long firstByteMs, long idleMs, long totalMs) {
  public static final Timeouts DEFAULTS = new Timeouts(10_000, 120_000, 120_000, 600_000);
}
