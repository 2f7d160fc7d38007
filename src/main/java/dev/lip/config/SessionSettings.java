package dev.lip.config;

/**
 * Session store limits.
 *
 * @param maxEntries the most sessions kept at once, which bounds their memory
 * @param idleMs     how long a session may go unused before it expires, in milliseconds
 */
public record SessionSettings(int maxEntries, long idleMs) {
  /** 100 000 sessions, idle for at most 24 hours. */
  public static final SessionSettings DEFAULTS = new SessionSettings(100_000, 24L * 60 * 60 * 1000);

  /**
   * @throws IllegalArgumentException when a limit is not positive
   */
  public SessionSettings {
    if (maxEntries < 1 || idleMs < 1) {
      throw new IllegalArgumentException("session limits must be positive (maxEntries=" + maxEntries
          + ", idleMs=" + idleMs + ")");
    }
  }
}
