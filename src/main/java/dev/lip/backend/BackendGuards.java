package dev.lip.backend;

import dev.lip.backend.resilience.CircuitBreaker;
import dev.lip.backend.resilience.KeyPool;
import dev.lip.backend.resilience.LocalCircuitBreaker;
import dev.lip.backend.resilience.LocalKeyPool;
import dev.lip.backend.resilience.LocalRateLimiter;
import dev.lip.backend.resilience.RateLimiter;
import dev.lip.backend.resilience.UnlimitedRateLimiter;
import dev.lip.bus.BackendHealth;
import dev.lip.config.BackendConfig;
import dev.lip.config.RateLimits;
import dev.lip.model.ProxyError;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * What every instance of one backend shares in a process: its key pool, rate limiter and circuit breaker,
 * the requests in flight and the latest failure. Decides whether a dispatch may start, and learns from how
 * each one ended. Thread-safe: the backend's verticle instances run on every event loop.
 */
public final class BackendGuards {
  /** A failure this recent makes the backend look degraded. */
  private static final long RECENT_MS = 60_000;

  private final BackendConfig config;
  private final KeyPool keys;
  private final RateLimiter limiter;
  private final CircuitBreaker breaker;
  private final LongSupplier clock;
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile String recentError;
  private volatile long recentErrorAt;

  BackendGuards(BackendConfig config, KeyPool keys, RateLimiter limiter, CircuitBreaker breaker, LongSupplier clock) {
    this.config = config;
    this.keys = keys;
    this.limiter = limiter;
    this.breaker = breaker;
    this.clock = clock;
  }

  /** Guards kept in this process, from the backend's configuration. */
  public static BackendGuards local(BackendConfig config) {
    LongSupplier clock = System::currentTimeMillis;
    return new BackendGuards(config, new LocalKeyPool(config.apiKeys(), config.sessionAffinity(), clock),
        config.rateLimits().equals(RateLimits.NONE) ? new UnlimitedRateLimiter(clock)
            : new LocalRateLimiter(config.rateLimits(), clock),
        new LocalCircuitBreaker(config.circuitBreaker(), clock), clock);
  }

  /** Whether a dispatch may start. */
  sealed interface Admission {
  }

  /** It may: with this permit and key. */
  record Admitted(RateLimiter.Permit permit, KeyPool.Lease lease) implements Admission {
  }

  /** It may not; nothing was taken. */
  record Refused(ProxyError error) implements Admission {
  }

  /**
   * Takes what a dispatch needs to start: a rate-limit permit, a key, and the breaker's leave.
   *
   * @param sessionKey the session, for key affinity; {@code null} when none
   */
  Admission admit(long estimatedTokens, String sessionKey) {
    RateLimiter.Decision decision = limiter.tryAcquire(estimatedTokens);
    if (decision instanceof RateLimiter.Decision.Denied denied) {
      return new Refused(new ProxyError(ProxyError.Kind.RATE_LIMITED, 429, "backend '" + config.name()
          + "' is at its rate limit (" + denied.reason() + ")", true, seconds(denied.retryAfterMs()), null));
    }
    RateLimiter.Permit permit = ((RateLimiter.Decision.Granted) decision).permit();
    KeyPool.Lease lease = keys.acquire(sessionKey);
    if (lease == null) {
      limiter.release(permit, 0);
      long retryAfterMs = keys.retryAfterMs();
      return new Refused(retryAfterMs < 0
          ? ProxyError.of(ProxyError.Kind.AUTHENTICATION, "every key of backend '" + config.name()
              + "' was refused by the provider; reactivate them with POST /v1/diagnostics/backends/"
              + config.name() + "/reactivate")
          : new ProxyError(ProxyError.Kind.RATE_LIMITED, 429, "every key of backend '" + config.name()
              + "' is cooling down" + (recentError == null ? "" : " (latest failure: " + recentError + ")"), true,
              seconds(retryAfterMs), null));
    }
    if (!breaker.tryPass()) {
      limiter.release(permit, 0);
      return new Refused(new ProxyError(ProxyError.Kind.UNAVAILABLE, 503, "backend '" + config.name()
          + "' is failing (circuit open); it is tried again in " + seconds(breaker.retryAfterMs()) + " s", true,
          null, null));
    }
    inFlight.incrementAndGet();
    return new Admitted(permit, lease);
  }

  /**
   * An attempt failed before any output. Records what the failure says about its key, and hands out
   * another key when the provider refused this one and another is available.
   *
   * @return the next key to try, or {@code null} to give up on this backend
   */
  KeyPool.Lease afterFailure(KeyPool.Lease lease, ProxyError error, String sessionKey) {
    if (refusesKey(error)) {
      keys.rejected(lease.index(), keyStatus(error), error.message());
      KeyPool.Lease next = lease.index() < 0 ? null : keys.acquire(sessionKey);
      return next == null || next.index() < 0 ? null : next;
    }
    if (error.kind() == ProxyError.Kind.RATE_LIMITED) {
      keys.rateLimited(lease.index(), error.retryAfterSeconds() == null ? 0 : error.retryAfterSeconds() * 1000);
    }
    return null;
  }

  /**
   * A dispatch is over.
   *
   * @param error  why it failed, or {@code null} when it finished normally
   * @param tokens the tokens it used, as far as the provider reported them
   */
  void ended(Admitted admitted, KeyPool.Lease lease, ProxyError error, long tokens) {
    inFlight.decrementAndGet();
    limiter.release(admitted.permit(), tokens);
    if (error == null) {
      keys.succeeded(lease.index());
      breaker.succeeded();
      return;
    }
    if (error.kind() == ProxyError.Kind.CANCELLED) {
      return;
    }
    recentError = "HTTP " + error.httpStatus() + ": " + error.message();
    recentErrorAt = clock.getAsLong();
    if (healthFailure(error)) {
      breaker.failed();
    } else {
      breaker.succeeded();
    }
  }

  /** Puts refused and cooling keys back in use, closes the breaker and forgets the latest failure. */
  void reactivate() {
    keys.reactivate();
    breaker.reset();
    recentError = null;
    recentErrorAt = 0;
  }

  /** How the backend is doing. */
  BackendHealth health() {
    List<BackendHealth.Key> keyStates = new ArrayList<>();
    boolean keyOut = false;
    for (KeyPool.KeyStatus key : keys.status()) {
      keyStates.add(new BackendHealth.Key(key.masked(), key.state(), key.cooldownRemainingMs(), key.lastError()));
      keyOut |= !KeyPool.KeyStatus.ACTIVE.equals(key.state());
    }
    CircuitBreaker.State state = breaker.state();
    long errorAt = recentErrorAt;
    String health;
    if (state == CircuitBreaker.State.OPEN) {
      health = "open";
    } else if (state == CircuitBreaker.State.HALF_OPEN) {
      health = "probing";
    } else if (keys.retryAfterMs() < 0) {
      health = "down";
    } else if (keyOut || errorAt > 0 && clock.getAsLong() - errorAt < RECENT_MS) {
      health = "degraded";
    } else {
      health = "ok";
    }
    RateLimiter.Status rate = limiter.status();
    return new BackendHealth(config.name(), config.type(), health, state.name(),
        state == CircuitBreaker.State.CLOSED ? 0 : breaker.retryAfterMs(), inFlight.get(),
        rate.requestsLastMinute(), rate.tokensLastMinute(), keyStates, recentError, errorAt);
  }

  /** The key used to list the provider's models, or {@code null}. */
  String anyKey() {
    KeyPool.Lease lease = keys.acquire(null);
    return lease == null ? null : lease.key();
  }

  /** The provider refused the key itself: 401, 403, or 402 (payment required). */
  private static boolean refusesKey(ProxyError error) {
    return error.kind() == ProxyError.Kind.AUTHENTICATION || error.kind() == ProxyError.Kind.PERMISSION
        || error.httpStatus() == 402;
  }

  private static int keyStatus(ProxyError error) {
    return error.kind() == ProxyError.Kind.AUTHENTICATION ? 401
        : error.kind() == ProxyError.Kind.PERMISSION ? 403 : error.httpStatus();
  }

  /** Failures that say the backend itself is unwell, as opposed to the request or the key. */
  private static boolean healthFailure(ProxyError error) {
    switch (error.kind()) {
      case UPSTREAM: case UNAVAILABLE: case TIMEOUT: case INTERNAL:
        return true;
      default:
        return false;
    }
  }

  private static Long seconds(long ms) {
    return Math.max(1, (ms + 999) / 1000);
  }
}
