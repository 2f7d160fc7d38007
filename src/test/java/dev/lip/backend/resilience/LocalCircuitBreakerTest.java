package dev.lip.backend.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lip.backend.resilience.CircuitBreaker.State;
import dev.lip.config.BreakerSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class LocalCircuitBreakerTest {
  private static final long OPEN_MS = 30_000;

  private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);

  private LocalCircuitBreaker breaker(int threshold) {
    return new LocalCircuitBreaker(new BreakerSettings(threshold, OPEN_MS), clock::get);
  }

  private static void fail(CircuitBreaker breaker, int times) {
    for (int i = 0; i < times; i++) {
      assertThat(breaker.tryPass()).isTrue();
      breaker.failed();
    }
  }

  /** A breaker opened by its failures, with its open time just over. */
  private LocalCircuitBreaker readyForAProbe() {
    LocalCircuitBreaker breaker = breaker(3);
    fail(breaker, 3);
    clock.addAndGet(OPEN_MS);
    return breaker;
  }

  @Test
  void opensAfterThresholdConsecutiveFailuresAndASuccessStartsTheCountAgain() {
    LocalCircuitBreaker breaker = breaker(3);
    fail(breaker, 2);
    assertThat(breaker.tryPass()).isTrue();
    breaker.succeeded();
    fail(breaker, 2);
    assertThat(breaker.state()).isEqualTo(State.CLOSED);
    assertThat(breaker.retryAfterMs()).isZero();
    fail(breaker, 1);
    assertThat(breaker.state()).isEqualTo(State.OPEN);
    assertThat(breaker.retryAfterMs()).isEqualTo(OPEN_MS);
  }

  @Test
  void rejectsWhileOpen() {
    LocalCircuitBreaker breaker = breaker(3);
    fail(breaker, 3);
    for (int i = 0; i < 10; i++) {
      assertThat(breaker.tryPass()).isFalse();
    }
    clock.addAndGet(OPEN_MS - 1);
    assertThat(breaker.tryPass()).isFalse();
    assertThat(breaker.retryAfterMs()).isEqualTo(1);
    assertThat(breaker.state()).isEqualTo(State.OPEN);
    // late failures of calls that passed before it opened do not keep it open longer
    breaker.failed();
    assertThat(breaker.retryAfterMs()).isEqualTo(1);
  }

  @Test
  void letsExactlyOneProbeThroughOnceTheOpenTimeIsOver() {
    LocalCircuitBreaker breaker = readyForAProbe();
    assertThat(breaker.tryPass()).isTrue();
    assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
    for (int i = 0; i < 10; i++) {
      assertThat(breaker.tryPass()).isFalse();
    }
    assertThat(breaker.retryAfterMs()).isEqualTo(OPEN_MS);
  }

  @RepeatedTest(5)
  void concurrentCallersGetOneProbeBetweenThem() throws Exception {
    LocalCircuitBreaker breaker = readyForAProbe();
    int callers = 32;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(callers);
    int passed = 0;
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        results.add(threads.submit(() -> {
          start.await();
          return breaker.tryPass();
        }));
      }
      start.countDown();
      for (Future<Boolean> result : results) {
        passed += result.get(10, TimeUnit.SECONDS) ? 1 : 0;
      }
    } finally {
      threads.shutdownNow();
    }
    assertThat(passed).isEqualTo(1);
  }

  @Test
  void aSuccessfulProbeClosesTheBreaker() {
    LocalCircuitBreaker breaker = readyForAProbe();
    assertThat(breaker.tryPass()).isTrue();
    breaker.succeeded();
    assertThat(breaker.state()).isEqualTo(State.CLOSED);
    assertThat(breaker.tryPass()).isTrue();
    assertThat(breaker.tryPass()).isTrue();
    // the count starts again from zero
    fail(breaker, 2);
    assertThat(breaker.state()).isEqualTo(State.CLOSED);
  }

  @Test
  void aFailedProbeReopensTheBreakerForAnotherOpenTime() {
    LocalCircuitBreaker breaker = readyForAProbe();
    assertThat(breaker.tryPass()).isTrue();
    clock.addAndGet(5_000);
    breaker.failed();
    assertThat(breaker.state()).isEqualTo(State.OPEN);
    assertThat(breaker.retryAfterMs()).isEqualTo(OPEN_MS);
    clock.addAndGet(OPEN_MS - 1);
    assertThat(breaker.tryPass()).isFalse();
    clock.addAndGet(1);
    assertThat(breaker.tryPass()).isTrue();
    assertThat(breaker.tryPass()).isFalse();
  }

  @Test
  void aProbeThatNeverReportsIsGivenUpAfterAnotherOpenTime() {
    LocalCircuitBreaker breaker = readyForAProbe();
    assertThat(breaker.tryPass()).isTrue();
    clock.addAndGet(OPEN_MS - 1);
    assertThat(breaker.tryPass()).isFalse();
    clock.addAndGet(1);
    assertThat(breaker.tryPass()).isTrue();
    assertThat(breaker.tryPass()).isFalse();
    assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
  }

  @Test
  void resetClosesTheBreakerAndForgetsTheFailures() {
    LocalCircuitBreaker breaker = breaker(3);
    fail(breaker, 3);
    breaker.reset();
    assertThat(breaker.state()).isEqualTo(State.CLOSED);
    assertThat(breaker.tryPass()).isTrue();
    fail(breaker, 2);
    assertThat(breaker.state()).isEqualTo(State.CLOSED);
  }

  @Test
  void thresholdZeroNeverOpens() {
    LocalCircuitBreaker breaker = breaker(0);
    assertThat(new BreakerSettings(0, OPEN_MS).enabled()).isFalse();
    fail(breaker, 10_000);
    assertThat(breaker.state()).isEqualTo(State.CLOSED);
    assertThat(breaker.tryPass()).isTrue();
    assertThat(breaker.retryAfterMs()).isZero();
  }

  @Test
  void theDefaultsOpenAfterFiveFailuresForThirtySeconds() {
    LocalCircuitBreaker breaker = new LocalCircuitBreaker(BreakerSettings.DEFAULTS, clock::get);
    fail(breaker, 4);
    assertThat(breaker.state()).isEqualTo(State.CLOSED);
    fail(breaker, 1);
    assertThat(breaker.state()).isEqualTo(State.OPEN);
    assertThat(breaker.retryAfterMs()).isEqualTo(30_000);
  }
}
