package dev.lip.backend.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class UnlimitedRateLimiterTest {
  private final AtomicLong clock = new AtomicLong(1_000_000);
  private final UnlimitedRateLimiter limiter = new UnlimitedRateLimiter(clock::get);

  @Test
  void grantsEverythingAndCountsForDiagnostics() {
    RateLimiter.Permit first = ((RateLimiter.Decision.Granted) limiter.tryAcquire(500)).permit();
    RateLimiter.Permit second = ((RateLimiter.Decision.Granted) limiter.tryAcquire(500)).permit();
    assertThat(limiter.status().inFlight()).isEqualTo(2);
    limiter.release(first, 120);
    limiter.release(first, 120);
    assertThat(limiter.status()).isEqualTo(new RateLimiter.Status(1, 2, 120));
    limiter.release(second, 30);
    assertThat(limiter.status()).isEqualTo(new RateLimiter.Status(0, 2, 150));
  }

  @Test
  void theLastMinuteForgetsOlderMinutes() {
    limiter.tryAcquire(0);
    clock.addAndGet(30_000);
    limiter.tryAcquire(0);
    clock.addAndGet(120_000);
    assertThat(limiter.status().requestsLastMinute()).isZero();
  }
}
