package dev.lip.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SignatureLedgerTest {
  private final AtomicLong nanos = new AtomicLong();

  private SignatureLedger ledger(long maxEntries) {
    return new SignatureLedger(maxEntries, Duration.ofHours(24), nanos::get);
  }

  @Test
  void knowsWhichDialectProducedASignature() {
    SignatureLedger ledger = ledger(100);
    ledger.record("sig-a", "anthropic-messages");
    ledger.record("sig-g", "gemini");

    assertThat(ledger.origin("sig-a")).isEqualTo("anthropic-messages");
    assertThat(ledger.origin(new String("sig-g".toCharArray()))).isEqualTo("gemini");
    assertThat(ledger.origin("sig-never-seen")).isNull();
    assertThat(ledger.origin("")).isNull();
  }

  @Test
  void tellsApartLongSignaturesThatDifferInOneCharacter() {
    SignatureLedger ledger = ledger(100);
    String base = randomBase64(4_000);
    String other = base.substring(0, 2_000) + (base.charAt(2_000) == 'A' ? 'B' : 'A') + base.substring(2_001);
    ledger.record(base, "gemini");

    assertThat(ledger.origin(base)).isEqualTo("gemini");
    assertThat(ledger.origin(other)).isNull();
  }

  @Test
  void theLatestRecordWins() {
    SignatureLedger ledger = ledger(100);
    ledger.record("sig", "gemini");
    ledger.record("sig", "openai-responses");

    assertThat(ledger.origin("sig")).isEqualTo("openai-responses");
    assertThat(ledger.size()).isEqualTo(1);
  }

  @Test
  void ignoresEmptySignatures() {
    SignatureLedger ledger = ledger(100);
    ledger.record("", "gemini");

    assertThat(ledger.size()).isZero();
  }

  @Test
  void staysWithinItsBound() {
    SignatureLedger ledger = ledger(100);
    for (int i = 0; i < 10_000; i++) {
      ledger.record("sig-" + i, "anthropic-messages");
    }

    assertThat(ledger.size()).isLessThanOrEqualTo(100);
    assertThat(ledger.origin("sig-9999")).isEqualTo("anthropic-messages");
  }

  @Test
  void forgetsSignaturesNobodyLookedUpForTheIdleTime() {
    SignatureLedger ledger = new SignatureLedger(100, Duration.ofMinutes(10), nanos::get);
    ledger.record("used", "gemini");
    ledger.record("unused", "gemini");
    for (int minute = 0; minute < 15; minute++) {
      nanos.addAndGet(TimeUnit.MINUTES.toNanos(1));
      assertThat(ledger.origin("used")).isEqualTo("gemini");
    }

    assertThat(ledger.origin("unused")).isNull();
    assertThat(ledger.size()).isEqualTo(1);
  }

  @Test
  void isSharedSafelyByManyThreads() throws Exception {
    SignatureLedger ledger = ledger(1_000_000);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Void>> writers = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        String dialect = "dialect-" + t;
        writers.add(() -> {
          for (int i = 0; i < 5_000; i++) {
            ledger.record(dialect + "/sig-" + i, dialect);
          }
          return null;
        });
      }
      for (Future<Void> done : pool.invokeAll(writers)) {
        done.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(ledger.size()).isEqualTo(40_000);
    assertThat(ledger.origin("dialect-3/sig-4999")).isEqualTo("dialect-3");
  }

  private static String randomBase64(int bytes) {
    byte[] raw = new byte[bytes];
    new Random(7).nextBytes(raw);
    return java.util.Base64.getEncoder().encodeToString(raw);
  }
}
