package dev.lip.backend.resilience;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * A {@link KeyPool} held in this process. Thread-safe: every method is atomic, so a key disabled by one
 * thread is never handed out by a later {@link #acquire(String)} on another.
 *
 * <p>With session affinity a session's own key is {@code sessionKey.hashCode()} modulo the number of keys
 * ({@link String#hashCode()} is specified, so the mapping is the same in every process).
 */
public final class LocalKeyPool implements KeyPool {
  /** The longest provider explanation kept for {@link #status()}. */
  private static final int MAX_REASON_LENGTH = 200;

  private final List<String> keys;
  /** The keys, longest first, so that masking one never leaves part of a longer one readable. */
  private final List<String> longestFirst;
  private final boolean sessionAffinity;
  private final LongSupplier clock;
  /** Per key: when its cooldown ends (epoch ms); in the past when it is not cooling. */
  private final long[] coolUntil;
  private final boolean[] disabled;
  private final String[] lastError;
  /** Where the next round-robin search starts. */
  private final AtomicInteger next = new AtomicInteger();
  /**
   * Whether some key is (or was, until the next slow acquire notices) cooling or disabled. While it is
   * not, {@link #acquire} takes no lock: the common case of a healthy pool costs one atomic increment.
   */
  private volatile boolean troubled;

  /**
   * @param keys            the provider keys, in configuration order (secrets: never logged)
   * @param sessionAffinity whether a session keeps its own key while that key is available
   * @param clock           the current time in epoch milliseconds ({@code System::currentTimeMillis})
   * @throws IllegalArgumentException when a key is blank
   */
  public LocalKeyPool(List<String> keys, boolean sessionAffinity, LongSupplier clock) {
    this.keys = List.copyOf(keys);
    if (this.keys.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException("a key pool's keys must not be blank");
    }
    List<String> sorted = new ArrayList<>(this.keys);
    sorted.sort(Comparator.comparingInt(String::length).reversed());
    this.longestFirst = List.copyOf(sorted);
    this.sessionAffinity = sessionAffinity;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.coolUntil = new long[this.keys.size()];
    this.disabled = new boolean[this.keys.size()];
    this.lastError = new String[this.keys.size()];
  }

  @Override
  public Lease acquire(String sessionKey) {
    int n = keys.size();
    if (n == 0) {
      return Lease.KEYLESS;
    }
    boolean affine = sessionAffinity && sessionKey != null;
    if (!troubled) {
      int index = affine ? Math.floorMod(sessionKey.hashCode(), n) : Math.floorMod(next.getAndIncrement(), n);
      return new Lease(index, keys.get(index));
    }
    return acquireSlowly(sessionKey, affine, n);
  }

  private synchronized Lease acquireSlowly(String sessionKey, boolean affine, int n) {
    long now = clock.getAsLong();
    int start = affine ? Math.floorMod(sessionKey.hashCode(), n) : Math.floorMod(next.get(), n);
    boolean allAvailable = true;
    for (int i = 0; i < n; i++) {
      allAvailable &= available(i, now);
    }
    troubled = !allAvailable;
    for (int i = 0; i < n; i++) {
      int index = (start + i) % n;
      if (available(index, now)) {
        if (!affine) {
          next.set(index + 1);
        }
        return new Lease(index, keys.get(index));
      }
    }
    return null;
  }

  @Override
  public synchronized long retryAfterMs() {
    long now = clock.getAsLong();
    long soonest = -1;
    for (int i = 0; i < keys.size(); i++) {
      if (available(i, now)) {
        return 0;
      }
      if (!disabled[i] && (soonest < 0 || coolUntil[i] - now < soonest)) {
        soonest = coolUntil[i] - now;
      }
    }
    return keys.isEmpty() ? 0 : soonest;
  }

  @Override
  public void succeeded(int index) {
    if (index < 0 || !troubled && lastError[index] == null) {
      return;
    }
    clearError(index);
  }

  private synchronized void clearError(int index) {
    Objects.checkIndex(index, keys.size());
    if (available(index, clock.getAsLong())) {
      lastError[index] = null;
    }
  }

  @Override
  public synchronized void rateLimited(int index, long retryAfterMs) {
    if (index < 0) {
      return;
    }
    Objects.checkIndex(index, keys.size());
    long cooldown = retryAfterMs > 0 ? retryAfterMs : DEFAULT_COOLDOWN_MS;
    long now = clock.getAsLong();
    long until = cooldown > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + cooldown;
    coolUntil[index] = Math.max(coolUntil[index], until);
    troubled = true;
    lastError[index] = "rate limited, cooling down for " + cooldown + " ms";
  }

  @Override
  public synchronized void rejected(int index, int status, String reason) {
    if (index < 0) {
      return;
    }
    Objects.checkIndex(index, keys.size());
    disabled[index] = true;
    troubled = true;
    lastError[index] = status + (reason == null || reason.isBlank() ? "" : " " + shortened(reason));
  }

  @Override
  public synchronized void reactivate() {
    Arrays.fill(disabled, false);
    Arrays.fill(coolUntil, 0);
    troubled = false;
  }

  @Override
  public synchronized List<KeyStatus> status() {
    long now = clock.getAsLong();
    List<KeyStatus> out = new ArrayList<>(keys.size());
    for (int i = 0; i < keys.size(); i++) {
      String masked = KeyStatus.mask(keys.get(i));
      if (disabled[i]) {
        out.add(new KeyStatus(masked, KeyStatus.DISABLED, 0, lastError[i]));
      } else if (coolUntil[i] > now) {
        out.add(new KeyStatus(masked, KeyStatus.COOLING, coolUntil[i] - now, lastError[i]));
      } else {
        out.add(new KeyStatus(masked, KeyStatus.ACTIVE, 0, lastError[i]));
      }
    }
    return List.copyOf(out);
  }

  private boolean available(int index, long now) {
    return !disabled[index] && coolUntil[index] <= now;
  }

  /** The provider's explanation on one line, cut short, with every key of the pool masked. */
  private String shortened(String reason) {
    String text = reason;
    for (String key : longestFirst) {
      text = text.replace(key, KeyStatus.mask(key));
    }
    String line = text.replaceAll("\\s+", " ").trim();
    return line.length() > MAX_REASON_LENGTH ? line.substring(0, MAX_REASON_LENGTH - 1) + "…" : line;
  }
}
