package dev.lip.backend.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lip.backend.resilience.RateLimiter.Decision;
import dev.lip.backend.resilience.RateLimiter.Decision.Denied;
import dev.lip.backend.resilience.RateLimiter.Decision.Granted;
import dev.lip.backend.resilience.RateLimiter.Permit;
import dev.lip.backend.resilience.RateLimiter.Status;
import dev.lip.config.RateLimits;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LocalRateLimiterTest {
  private static final long MINUTE = 60_000;

  private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);

  private LocalRateLimiter limiter(int rpm, int tpm, int maxConcurrent) {
    return new LocalRateLimiter(new RateLimits(rpm, tpm, maxConcurrent), clock::get);
  }

  private static Permit granted(Decision decision) {
    assertThat(decision).isInstanceOf(Granted.class);
    return ((Granted) decision).permit();
  }

  private static Denied denied(Decision decision) {
    assertThat(decision).isInstanceOf(Denied.class);
    return (Denied) decision;
  }

  @Test
  void withoutLimitsEverythingIsGrantedAndCounted() {
    LocalRateLimiter limiter = new LocalRateLimiter(RateLimits.NONE, clock::get);
    List<Permit> permits = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      permits.add(granted(limiter.tryAcquire(1_000)));
    }
    assertThat(limiter.status()).isEqualTo(new Status(1_000, 1_000, 1_000_000));
    permits.forEach(p -> limiter.release(p, 10));
    assertThat(limiter.status()).isEqualTo(new Status(0, 1_000, 10_000));
    clock.addAndGet(MINUTE + SlidingWindow.SLOT_MS);
    assertThat(limiter.status()).isEqualTo(new Status(0, 0, 0));
  }

  @Test
  void theSixtyFirstRequestOfTheMinuteIsDeniedUntilTheFirstFallsOut() {
    LocalRateLimiter limiter = limiter(60, 0, 0);
    long start = clock.get();
    for (int i = 0; i < 60; i++) {
      granted(limiter.tryAcquire(10));
      clock.addAndGet(500);
    }
    // 30 s later: the 61st is over the limit until the first request is a minute old
    Denied denied = denied(limiter.tryAcquire(10));
    assertThat(denied.reason()).isEqualTo("60 requests/minute");
    long firstFallsOut = start + MINUTE - clock.get();
    assertThat(denied.retryAfterMs()).isBetween(firstFallsOut, firstFallsOut + SlidingWindow.SLOT_MS);
    clock.addAndGet(denied.retryAfterMs() - 1);
    assertThat(limiter.tryAcquire(10)).isInstanceOf(Denied.class);
    clock.addAndGet(1);
    granted(limiter.tryAcquire(10));
    assertThat(limiter.tryAcquire(10)).isInstanceOf(Denied.class);
  }

  @Test
  void atMostSixtyInAnySixtySecondWindowAndEveryRetryAfterIsHonest() {
    LocalRateLimiter limiter = limiter(60, 0, 0);
    Random random = new Random(7);
    List<Long> grants = new ArrayList<>();
    int honestyChecks = 0;
    for (int step = 0; step < 20_000; step++) {
      clock.addAndGet(random.nextInt(random.nextBoolean() ? 50 : 1_500));
      Decision decision = limiter.tryAcquire(1);
      if (decision instanceof Granted) {
        grants.add(((Granted) decision).permit().acquiredAtMs());
      } else if (random.nextInt(4) == 0) {
        long retryAfter = ((Denied) decision).retryAfterMs();
        assertThat(retryAfter).isPositive();
        clock.addAndGet(retryAfter - 1);
        assertThat(limiter.tryAcquire(1)).isInstanceOf(Denied.class);
        clock.addAndGet(1);
        grants.add(granted(limiter.tryAcquire(1)).acquiredAtMs());
        honestyChecks++;
      }
    }
    assertThat(honestyChecks).isGreaterThan(100);
    assertThat(maxInAnyWindow(grants, Collections.nCopies(grants.size(), 1L))).isEqualTo(60);
    // and it is not much stingier than the limit: about 60 a minute over the whole walk
    long minutes = (grants.get(grants.size() - 1) - grants.get(0)) / MINUTE + 1;
    assertThat(grants.size()).isGreaterThan((int) (minutes * 55));
  }

  @Test
  void tokensPerMinuteCountsEstimatesCorrectedByActuals() {
    long start = clock.get();
    LocalRateLimiter limiter = limiter(0, 1_000, 0);
    Permit first = granted(limiter.tryAcquire(600));
    Denied denied = denied(limiter.tryAcquire(600));
    assertThat(denied.reason()).isEqualTo("1000 tokens/minute");
    assertThat(denied.retryAfterMs()).isBetween(MINUTE, MINUTE + SlidingWindow.SLOT_MS);

    // the first used fewer tokens than estimated: the difference is given back
    clock.addAndGet(1_000);
    limiter.release(first, 100);
    assertThat(limiter.status().tokensLastMinute()).isEqualTo(100);
    Permit second = granted(limiter.tryAcquire(600));

    // the second used more: the overrun is charged when it is reported
    clock.addAndGet(1_000);
    limiter.release(second, 900);
    assertThat(limiter.status().tokensLastMinute()).isEqualTo(1_000);
    Denied full = denied(limiter.tryAcquire(1));
    assertThat(full.retryAfterMs()).isBetween(MINUTE - 2_000, MINUTE - 2_000 + SlidingWindow.SLOT_MS);
    clock.set(start + 1_000 + MINUTE + SlidingWindow.SLOT_MS);
    assertThat(limiter.status().tokensLastMinute()).isEqualTo(300);
    clock.set(start + 2_000 + MINUTE + SlidingWindow.SLOT_MS);
    assertThat(limiter.status().tokensLastMinute()).isZero();
  }

  @Test
  void aRequestLargerThanTheWholeTokenLimitPassesOnlyWhenTheWindowIsEmpty() {
    LocalRateLimiter limiter = limiter(0, 1_000, 0);
    Permit small = granted(limiter.tryAcquire(10));
    limiter.release(small, 10);
    Denied denied = denied(limiter.tryAcquire(5_000));
    clock.addAndGet(denied.retryAfterMs());
    granted(limiter.tryAcquire(5_000));
    assertThat(limiter.tryAcquire(1)).isInstanceOf(Denied.class);
  }

  @Test
  void maxConcurrentFreesASlotOnReleaseAndOnlyOnce() {
    LocalRateLimiter limiter = limiter(0, 0, 2);
    Permit a = granted(limiter.tryAcquire(1));
    granted(limiter.tryAcquire(1));
    Denied denied = denied(limiter.tryAcquire(1));
    assertThat(denied.reason()).isEqualTo("2 concurrent requests");
    assertThat(denied.retryAfterMs()).isEqualTo(LocalRateLimiter.CONCURRENCY_RETRY_MS);
    assertThat(limiter.status().inFlight()).isEqualTo(2);
    limiter.release(a, 1);
    limiter.release(a, 1);
    assertThat(limiter.status().inFlight()).isEqualTo(1);
    granted(limiter.tryAcquire(1));
    assertThat(limiter.tryAcquire(1)).isInstanceOf(Denied.class);
  }

  @Test
  void whenSeveralLimitsAreHitTheReasonNamesThemAllAndTheWaitIsTheLongest() {
    LocalRateLimiter limiter = limiter(1, 100, 1);
    granted(limiter.tryAcquire(100));
    Denied denied = denied(limiter.tryAcquire(1));
    assertThat(denied.reason()).isEqualTo("1 concurrent requests and 1 requests/minute and 100 tokens/minute");
    assertThat(denied.retryAfterMs()).isGreaterThanOrEqualTo(MINUTE);
  }

  @Test
  void aClockSteppingBackDoesNotForgetRecentRequests() {
    LocalRateLimiter limiter = limiter(2, 0, 0);
    granted(limiter.tryAcquire(1));
    granted(limiter.tryAcquire(1));
    clock.addAndGet(-TimeUnit.HOURS.toMillis(1));
    assertThat(limiter.tryAcquire(1)).isInstanceOf(Denied.class);
  }

  @Test
  void fiftyThreadsNeverBreakTheRequestAndTokenLimits() throws Exception {
    int rpm = 100;
    int tpm = 6_000;
    LocalRateLimiter limiter = limiter(rpm, tpm, 0);
    List<Permit> permits = hammer(limiter, 6, new AtomicInteger());
    permits.sort((x, y) -> Long.compare(x.acquiredAtMs(), y.acquiredAtMs()));
    List<Long> times = new ArrayList<>();
    List<Long> tokens = new ArrayList<>();
    for (Permit p : permits) {
      times.add(p.acquiredAtMs());
      tokens.add(p.estimatedTokens());
    }
    // the walk spans about four minutes, and the token limit binds (about 60 requests a minute)
    assertThat(permits).hasSizeGreaterThan(rpm);
    assertThat(maxInAnyWindow(times, Collections.nCopies(times.size(), 1L))).isLessThanOrEqualTo(rpm);
    assertThat(maxInAnyWindow(times, tokens)).isLessThanOrEqualTo(tpm).isGreaterThan(tpm * 9 / 10);
    assertThat(limiter.status().inFlight()).isZero();
  }

  @Test
  void fiftyThreadsNeverRunMoreThanMaxConcurrentAtOnce() throws Exception {
    int maxConcurrent = 5;
    LocalRateLimiter limiter = limiter(0, 0, maxConcurrent);
    AtomicInteger mostRunning = new AtomicInteger();
    List<Permit> permits = hammer(limiter, 0, mostRunning);
    assertThat(permits).hasSizeGreaterThan(maxConcurrent);
    assertThat(mostRunning.get()).isBetween(1, maxConcurrent);
    assertThat(limiter.status().inFlight()).isZero();
  }

  /**
   * 50 threads each try 2 000 requests (1..200 tokens), moving the clock on by up to {@code maxStepMs}
   * before each, and hold each granted permit for a moment.
   *
   * @param mostRunning set to the most permits held at once
   * @return the permits granted
   */
  private List<Permit> hammer(LocalRateLimiter limiter, int maxStepMs, AtomicInteger mostRunning)
      throws Exception {
    AtomicInteger running = new AtomicInteger();
    List<Permit> permits = Collections.synchronizedList(new ArrayList<>());
    ExecutorService threads = Executors.newFixedThreadPool(50);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < 50; t++) {
        workers.add(threads.submit(() -> {
          ThreadLocalRandom random = ThreadLocalRandom.current();
          for (int i = 0; i < 2_000; i++) {
            clock.addAndGet(random.nextInt(maxStepMs + 1));
            Decision decision = limiter.tryAcquire(1 + random.nextInt(200));
            if (decision instanceof Granted) {
              Permit permit = ((Granted) decision).permit();
              permits.add(permit);
              mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
              Thread.yield();
              running.decrementAndGet();
              limiter.release(permit, permit.estimatedTokens());
            }
          }
        }));
      }
      for (Future<?> worker : workers) {
        worker.get(60, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }
    return new ArrayList<>(permits);
  }

  /** The largest sum of {@code amounts} over grants whose times lie in one closed 60 s window. */
  private static long maxInAnyWindow(List<Long> times, List<Long> amounts) {
    long max = 0;
    long sum = 0;
    int from = 0;
    for (int to = 0; to < times.size(); to++) {
      sum += amounts.get(to);
      while (times.get(from) < times.get(to) - MINUTE) {
        sum -= amounts.get(from++);
      }
      max = Math.max(max, sum);
    }
    return max;
  }
}
