package dev.lip.frontend;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;

/** A {@link ResponseStore} in this process: bounded in entries, entries expire after a while. */
public final class LocalResponseStore implements ResponseStore {
  private final Cache<String, Conversation> cache;

  /**
   * @param maxEntries the most conversations kept; the least recently used go first
   * @param ttl        how long an unused conversation is kept
   */
  public LocalResponseStore(long maxEntries, Duration ttl) {
    this.cache = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterAccess(ttl).build();
  }

  @Override
  public void put(String responseId, Conversation conversation) {
    cache.put(responseId, conversation);
  }

  @Override
  public Optional<Conversation> get(String responseId) {
    return Optional.ofNullable(cache.getIfPresent(responseId));
  }
}
