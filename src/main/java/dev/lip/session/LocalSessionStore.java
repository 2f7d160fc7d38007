package dev.lip.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.lip.config.SessionSettings;
import io.vertx.core.Future;
import java.time.Duration;

/**
 * Sessions in this process: at most {@link SessionSettings#maxEntries()} (the least recently used go
 * first), each dropped after {@link SessionSettings#idleMs()} without use. Thread-safe, so every router
 * instance of the process shares one.
 */
public final class LocalSessionStore implements SessionStore {
  private final Cache<String, Session> cache;

  public LocalSessionStore(SessionSettings settings) {
    this(settings, Ticker.systemTicker());
  }

  /** @param ticker the clock idle expiry is measured with */
  LocalSessionStore(SessionSettings settings, Ticker ticker) {
    this.cache = Caffeine.newBuilder()
        .ticker(ticker)
        .maximumSize(settings.maxEntries())
        .expireAfterAccess(Duration.ofMillis(settings.idleMs()))
        // Eviction is cheap; doing it on the caller's thread keeps the bound exact without a pool.
        .executor(Runnable::run)
        .build();
  }

  @Override
  public Future<Session> get(String key) {
    return Future.succeededFuture(cache.getIfPresent(key));
  }

  @Override
  public Future<Void> put(Session session) {
    cache.put(session.key(), session);
    return Future.succeededFuture();
  }

  @Override
  public long size() {
    cache.cleanUp();
    return cache.estimatedSize();
  }
}
