package dev.lip.backend;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;

/**
 * Remembers which wire dialect produced each opaque blob a provider asks to get back unchanged: thinking
 * signatures, tool-call signatures and redacted thinking. Only the provider that made such a blob accepts
 * it, and clients re-send history to whichever backend answers next, so the proxy itself must know where
 * each one came from. One ledger per proxy, shared by every backend verticle instance; thread-safe.
 *
 * <p>At most {@code maxEntries} blobs are remembered (the least recently used go first), each forgotten
 * after {@code idle} without being recorded or looked up. A blob is kept as the first 128 bits of its
 * SHA-256, not as itself: signatures and redacted thinking run to kilobytes, so a bound on entries would not
 * bound memory, while a 16-byte fingerprint makes every entry small and alike (under 200 bytes with the
 * cache's own bookkeeping; the dialect names are shared constants). 128 bits make an accidental collision
 * negligible at any size the ledger can reach, and the JDK's SHA-256 hashes a 2 kB signature in about a
 * microsecond; only parts that carry a blob are ever hashed.
 */
public final class SignatureLedger {
  private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(SignatureLedger::sha256);

  private final Cache<Fingerprint, String> origins;

  /**
   * @param maxEntries the most blobs remembered
   * @param idle       how long a blob nobody records or looks up is remembered
   */
  public SignatureLedger(long maxEntries, Duration idle) {
    this(maxEntries, idle, Ticker.systemTicker());
  }

  /** @param ticker the clock idle expiry is measured with */
  SignatureLedger(long maxEntries, Duration idle, Ticker ticker) {
    this.origins = Caffeine.newBuilder()
        .ticker(ticker)
        .maximumSize(maxEntries)
        .expireAfterAccess(idle)
        // Eviction is cheap; doing it on the caller's thread keeps the bound exact without a pool.
        .executor(Runnable::run)
        .build();
  }

  /** Remembers that a provider of {@code dialect} produced {@code blob}; an empty blob is ignored. */
  public void record(String blob, String dialect) {
    if (!blob.isEmpty()) {
      origins.put(Fingerprint.of(blob), dialect);
    }
  }

  /** The dialect whose provider produced {@code blob}, or {@code null} when this ledger never saw it. */
  public String origin(String blob) {
    return blob.isEmpty() ? null : origins.getIfPresent(Fingerprint.of(blob));
  }

  /** How many blobs are remembered. */
  long size() {
    origins.cleanUp();
    return origins.estimatedSize();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }

  /** The first 128 bits of a blob's SHA-256. */
  private record Fingerprint(long high, long low) {
    static Fingerprint of(String blob) {
      byte[] digest = SHA_256.get().digest(blob.getBytes(StandardCharsets.UTF_8));
      return new Fingerprint(bits(digest, 0), bits(digest, 8));
    }

    private static long bits(byte[] digest, int from) {
      long value = 0;
      for (int i = from; i < from + 8; i++) {
        value = value << 8 | (digest[i] & 0xFF);
      }
      return value;
    }
  }
}
