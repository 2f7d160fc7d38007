package dev.lip.backend.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lip.backend.resilience.KeyPool.KeyStatus;
import dev.lip.backend.resilience.KeyPool.Lease;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LocalKeyPoolTest {
  private static final String K0 = "sk-zero-0123456789aaaa";
  private static final String K1 = "sk-one-0123456789bbbb";
  private static final String K2 = "sk-two-0123456789cccc";

  private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);

  private LocalKeyPool pool(boolean sessionAffinity, String... keys) {
    return new LocalKeyPool(List.of(keys), sessionAffinity, clock::get);
  }

  private static List<Integer> indices(KeyPool pool, String session, int times) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      out.add(pool.acquire(session).index());
    }
    return out;
  }

  @Test
  void handsOutKeysRoundRobin() {
    LocalKeyPool pool = pool(false, K0, K1, K2);
    Lease first = pool.acquire(null);
    assertThat(first).isEqualTo(new Lease(0, K0));
    assertThat(indices(pool, "ignored-without-affinity", 5)).containsExactly(1, 2, 0, 1, 2);
  }

  @Test
  void aPoolWithoutKeysAlwaysHandsOutTheKeylessLease() {
    LocalKeyPool pool = pool(true);
    assertThat(pool.acquire("s")).isEqualTo(Lease.KEYLESS).isEqualTo(new Lease(-1, null));
    pool.rateLimited(-1, 10_000);
    pool.rejected(-1, 401, "no");
    pool.succeeded(-1);
    assertThat(pool.acquire(null)).isEqualTo(Lease.KEYLESS);
    assertThat(pool.retryAfterMs()).isZero();
    assertThat(pool.status()).isEmpty();
  }

  @Test
  void aRateLimitedKeyCoolsDownForRetryAfter() {
    LocalKeyPool pool = pool(false, K0, K1);
    pool.rateLimited(1, 5_000);
    assertThat(pool.status().get(1)).isEqualTo(new KeyStatus("sk-…bbbb", KeyStatus.COOLING, 5_000,
        "rate limited, cooling down for 5000 ms"));
    assertThat(indices(pool, null, 3)).containsExactly(0, 0, 0);
    clock.addAndGet(4_999);
    assertThat(pool.status().get(1).cooldownRemainingMs()).isEqualTo(1);
    assertThat(indices(pool, null, 2)).containsExactly(0, 0);
    clock.addAndGet(1);
    assertThat(pool.status().get(1).state()).isEqualTo(KeyStatus.ACTIVE);
    assertThat(indices(pool, null, 2)).containsExactly(1, 0);
  }

  @Test
  void withoutRetryAfterTheCooldownIsThirtySeconds() {
    LocalKeyPool pool = pool(false, K0, K1);
    pool.rateLimited(0, 0);
    pool.rateLimited(1, -1);
    assertThat(KeyPool.DEFAULT_COOLDOWN_MS).isEqualTo(30_000);
    assertThat(pool.status()).extracting(KeyStatus::cooldownRemainingMs).containsExactly(30_000L, 30_000L);
    clock.addAndGet(29_999);
    assertThat(pool.acquire(null)).isNull();
    clock.addAndGet(1);
    assertThat(pool.acquire(null)).isNotNull();
  }

  @Test
  void aShorterLaterRetryAfterDoesNotEndACooldownEarly() {
    LocalKeyPool pool = pool(false, K0);
    pool.rateLimited(0, 10_000);
    pool.rateLimited(0, 1_000);
    assertThat(pool.retryAfterMs()).isEqualTo(10_000);
  }

  @Test
  void aRejectedKeyStaysOutUntilReactivated() {
    LocalKeyPool pool = pool(false, K0, K1);
    pool.rejected(0, 401, "Incorrect API key provided");
    assertThat(pool.status().get(0)).isEqualTo(new KeyStatus("sk-…aaaa", KeyStatus.DISABLED, 0,
        "401 Incorrect API key provided"));
    assertThat(indices(pool, null, 3)).containsExactly(1, 1, 1);
    clock.addAndGet(TimeUnit.DAYS.toMillis(30));
    pool.succeeded(0);
    assertThat(indices(pool, null, 2)).containsExactly(1, 1);
    assertThat(pool.status().get(0).state()).isEqualTo(KeyStatus.DISABLED);

    pool.rateLimited(1, 60_000);
    pool.reactivate();
    assertThat(pool.status()).extracting(KeyStatus::state).containsExactly(KeyStatus.ACTIVE, KeyStatus.ACTIVE);
    assertThat(pool.status()).extracting(KeyStatus::cooldownRemainingMs).containsExactly(0L, 0L);
    assertThat(new HashSet<>(indices(pool, null, 2))).containsExactlyInAnyOrder(0, 1);
    // the provider's last word stays visible until the key works again
    assertThat(pool.status().get(0).lastError()).isEqualTo("401 Incorrect API key provided");
    pool.succeeded(0);
    assertThat(pool.status().get(0).lastError()).isNull();
  }

  @Test
  void whenEveryKeyIsCoolingAcquireFailsAndSaysWhenOneIsBack() {
    LocalKeyPool pool = pool(false, K0, K1, K2);
    assertThat(pool.retryAfterMs()).isZero();
    pool.rateLimited(0, 10_000);
    pool.rateLimited(1, 4_000);
    pool.rejected(2, 403, "forbidden");
    assertThat(pool.acquire(null)).isNull();
    assertThat(pool.acquire("session")).isNull();
    assertThat(pool.retryAfterMs()).isEqualTo(4_000);
    clock.addAndGet(1_500);
    assertThat(pool.retryAfterMs()).isEqualTo(2_500);
    clock.addAndGet(2_500);
    assertThat(pool.retryAfterMs()).isZero();
    assertThat(pool.acquire(null).index()).isEqualTo(1);
  }

  @Test
  void whenEveryKeyIsDisabledRetryAfterIsMinusOne() {
    LocalKeyPool pool = pool(false, K0, K1);
    pool.rejected(0, 401, null);
    pool.rejected(1, 402, " ");
    assertThat(pool.acquire(null)).isNull();
    assertThat(pool.retryAfterMs()).isEqualTo(-1);
    assertThat(pool.status()).extracting(KeyStatus::lastError).containsExactly("401", "402");
  }

  @Test
  void sessionAffinityKeepsASessionOnItsKeyAndFallsOverWhileItIsOut() {
    LocalKeyPool pool = pool(true, K0, K1, K2);
    Set<Integer> used = new HashSet<>();
    for (int s = 0; s < 30; s++) {
      String session = "session-" + s;
      int home = pool.acquire(session).index();
      assertThat(home).isEqualTo(Math.floorMod(session.hashCode(), 3));
      pool.acquire(null);
      assertThat(indices(pool, session, 3)).containsOnly(home);
      used.add(home);
    }
    assertThat(used).containsExactlyInAnyOrder(0, 1, 2);

    String session = "session-7";
    int home = pool.acquire(session).index();
    pool.rateLimited(home, 1_000);
    int fallback = pool.acquire(session).index();
    assertThat(fallback).isEqualTo((home + 1) % 3);
    pool.rejected(fallback, 401, "revoked");
    assertThat(pool.acquire(session).index()).isEqualTo((home + 2) % 3);
    clock.addAndGet(1_000);
    assertThat(indices(pool, session, 2)).containsOnly(home);
    // another pool (another process) maps the session to the same key
    assertThat(pool(true, K0, K1, K2).acquire(session).index()).isEqualTo(home);
  }

  @Test
  void maskingShowsAtMostThePrefixAndTheLastFourCharacters() {
    assertThat(KeyStatus.mask("sk-proj-abcdefghijklmnopqrstuvwxyz1234")).isEqualTo("sk-…1234");
    assertThat(KeyStatus.mask("AIzaSyA1234567890abcd")).isEqualTo("AIz…abcd");
    assertThat(KeyStatus.mask("12345678")).isEqualTo("…");
    assertThat(KeyStatus.mask("x")).isEqualTo("…");
    assertThat(KeyStatus.mask("123456789")).isEqualTo("123…6789");
    Random random = new Random(42);
    for (int n = 0; n < 500; n++) {
      StringBuilder key = new StringBuilder();
      int length = 1 + random.nextInt(80);
      for (int i = 0; i < length; i++) {
        key.append((char) ('!' + random.nextInt(94)));
      }
      String k = key.toString();
      String masked = KeyStatus.mask(k);
      String expected = k.length() <= 8 ? "…" : k.substring(0, 3) + "…" + k.substring(k.length() - 4);
      assertThat(masked).isEqualTo(expected);
    }
  }

  @Test
  void keysNeverAppearInStatusLeasesOrErrors() {
    LocalKeyPool pool = pool(false, K0, K1, K2);
    Lease lease = pool.acquire(null);
    assertThat(lease.toString()).doesNotContain(K0).contains("sk-…aaaa");
    pool.rejected(0, 401, "Incorrect API key provided: " + K0 + ".\n Also " + K1);
    pool.rateLimited(2, 0);
    String shown = pool.status().toString();
    for (String key : List.of(K0, K1, K2)) {
      assertThat(shown).doesNotContain(key);
    }
    assertThat(pool.status().get(0).lastError())
        .isEqualTo("401 Incorrect API key provided: sk-…aaaa. Also sk-…bbbb");
  }

  @Test
  void longErrorsAreCutShort() {
    LocalKeyPool pool = pool(false, K0);
    pool.rejected(0, 403, "x".repeat(1_000));
    assertThat(pool.status().get(0).lastError()).isEqualTo("403 " + "x".repeat(199) + "…");
  }

  @Test
  void refusesBlankKeysAndIndicesOutsideThePool() {
    assertThatThrownBy(() -> pool(false, K0, " ")).isInstanceOf(IllegalArgumentException.class);
    LocalKeyPool pool = pool(false, K0);
    assertThatThrownBy(() -> pool.rateLimited(1, 0)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> pool.rejected(3, 401, "")).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> pool.succeeded(1)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void concurrentAcquireNeverHandsOutADisabledKey() throws Exception {
    int keys = 6;
    List<String> all = new ArrayList<>();
    for (int i = 0; i < keys; i++) {
      all.add("sk-concurrent-key-000" + i);
    }
    LocalKeyPool pool = new LocalKeyPool(all, false, clock::get);
    // set only after rejected() returned: an acquire that starts later must never see that key
    AtomicIntegerArray disabled = new AtomicIntegerArray(keys);
    AtomicBoolean done = new AtomicBoolean();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(9);
    try {
      List<Future<Integer>> acquirers = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        acquirers.add(threads.submit(() -> {
          start.await();
          int violations = 0;
          for (int i = 0; i < 10_000 || !done.get(); i++) {
            boolean[] before = new boolean[keys];
            for (int k = 0; k < keys; k++) {
              before[k] = disabled.get(k) == 1;
            }
            Lease lease = pool.acquire(i % 3 == 0 ? "s" + i : null);
            if (lease != null && before[lease.index()]) {
              violations++;
            }
          }
          return violations;
        }));
      }
      Callable<Void> disabler = () -> {
        try {
          start.await();
          for (int k = 0; k < keys - 1; k++) {
            Thread.sleep(2);
            pool.rejected(k, 401, "revoked");
            disabled.set(k, 1);
          }
          Thread.sleep(2);
        } finally {
          done.set(true);
        }
        return null;
      };
      Future<Void> disabling = threads.submit(disabler);
      start.countDown();
      disabling.get(30, TimeUnit.SECONDS);
      for (Future<Integer> acquirer : acquirers) {
        assertThat(acquirer.get(30, TimeUnit.SECONDS)).isZero();
      }
    } finally {
      threads.shutdownNow();
    }
    assertThat(indices(pool, null, 10)).containsOnly(keys - 1);
  }
}
