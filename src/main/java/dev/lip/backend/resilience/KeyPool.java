package dev.lip.backend.resilience;

import java.util.List;
import java.util.Objects;

/**
 * The provider keys of one backend instance: which key the next request uses, and which keys are out for
 * now, either cooling down after a rate limit or disabled after the provider refused them. A backend
 * without keys has a pool that always hands out {@link Lease#KEYLESS}.
 */
public interface KeyPool {
  /** The cooldown after a rate limit when the provider did not say how long to wait. */
  long DEFAULT_COOLDOWN_MS = 30_000;

  /**
   * A key for the next request: round-robin over the available keys or, with session affinity, the
   * session's own key while it is available (else the next available one).
   *
   * @param sessionKey the session the request belongs to; {@code null} when there is none
   * @return the key to use, {@link Lease#KEYLESS} when the pool has no keys, or {@code null} when every key
   *     is cooling down or disabled (see {@link #retryAfterMs()})
   */
  Lease acquire(String sessionKey);

  /**
   * How long until a key is available: 0 when one is available now, the time until the first cooldown
   * ends when every key is out, -1 when every key is disabled (only {@link #reactivate()} helps).
   */
  long retryAfterMs();

  /** The provider accepted the key of lease {@code index}; a negative index (no key) is ignored. */
  void succeeded(int index);

  /**
   * The provider rate-limited the key of lease {@code index}: it cools down for {@code retryAfterMs}, or
   * {@link #DEFAULT_COOLDOWN_MS} when that is not positive (no {@code Retry-After}). A negative index is
   * ignored.
   */
  void rateLimited(int index, long retryAfterMs);

  /**
   * The provider refused the key of lease {@code index} (401, 402, 403): it stays out until
   * {@link #reactivate()}. A negative index is ignored.
   *
   * @param status the HTTP status
   * @param reason the provider's explanation, kept for {@link #status()} with any key in it masked
   */
  void rejected(int index, int status, String reason);

  /** Puts every key back in use: disabled keys are enabled again and cooldowns end. */
  void reactivate();

  /** Each key's state, in configuration order, with the keys masked. */
  List<KeyStatus> status();

  /**
   * A key handed out for one request.
   *
   * @param index the key's position in the pool, to report the outcome with; -1 for {@link #KEYLESS}
   * @param key   the key (a secret: never log it); {@code null} for {@link #KEYLESS}
   */
  record Lease(int index, String key) {
    /** The lease of a pool without keys. */
    public static final Lease KEYLESS = new Lease(-1, null);

    @Override
    public String toString() {
      return "Lease[index=" + index + ", key=" + (key == null ? "none" : KeyStatus.mask(key)) + "]";
    }
  }

  /**
   * One key's state, for diagnostics.
   *
   * @param masked              the key masked by {@link #mask(String)}
   * @param state               {@link #ACTIVE}, {@link #COOLING} or {@link #DISABLED}
   * @param cooldownRemainingMs how long a cooling key stays out; 0 otherwise
   * @param lastError           the last problem the provider reported for this key (secrets masked), or
   *                            {@code null}
   */
  record KeyStatus(String masked, String state, long cooldownRemainingMs, String lastError) {
    /** The key is in use. */
    public static final String ACTIVE = "active";
    /** The key is out until its cooldown ends. */
    public static final String COOLING = "cooling";
    /** The key is out until the pool is reactivated. */
    public static final String DISABLED = "disabled";

    /** Keys this short are masked entirely. */
    private static final int SHORTEST_SHOWN = 9;

    public KeyStatus {
      Objects.requireNonNull(masked, "masked");
      Objects.requireNonNull(state, "state");
    }

    /**
     * A recognisable but useless form of {@code key}: its first 3 and last 4 characters around an
     * ellipsis ({@code sk-…abcd}); keys of 8 characters or fewer become {@code …}.
     */
    public static String mask(String key) {
      if (key == null || key.length() < SHORTEST_SHOWN) {
        return "…";
      }
      return key.substring(0, 3) + "…" + key.substring(key.length() - 4);
    }
  }
}
