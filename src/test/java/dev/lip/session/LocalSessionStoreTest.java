package dev.lip.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lip.config.SessionSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LocalSessionStoreTest {
  private final AtomicLong nanos = new AtomicLong();

  @Test
  void storesAndReadsBack() {
    LocalSessionStore store = new LocalSessionStore(new SessionSettings(10, 60_000), nanos::get);
    Session session = Session.fresh("o/a", 1).edit().build(2);
    assertThat(store.get("o/a").result()).isNull();
    store.put(session);
    assertThat(store.get("o/a").result()).isSameAs(session);
  }

  @Test
  void idleSessionsExpireButUsedOnesStay() {
    LocalSessionStore store = new LocalSessionStore(new SessionSettings(10, 60_000), nanos::get);
    store.put(Session.fresh("o/idle", 0));
    store.put(Session.fresh("o/used", 0));
    nanos.addAndGet(TimeUnit.SECONDS.toNanos(40));
    assertThat(store.get("o/used").result()).isNotNull();
    nanos.addAndGet(TimeUnit.SECONDS.toNanos(40));
    assertThat(store.get("o/idle").result()).isNull();
    assertThat(store.get("o/used").result()).isNotNull();
  }

  @Test
  void concurrentWritersStayWithinTheBound() throws Exception {
    LocalSessionStore store = new LocalSessionStore(new SessionSettings(100, 60_000));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Void>> writers = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        writers.add(() -> {
          for (int i = 0; i < 1_000; i++) {
            store.put(Session.fresh("o/" + thread + "-" + i, 0));
          }
          return null;
        });
      }
      for (var done : pool.invokeAll(writers, 30, TimeUnit.SECONDS)) {
        done.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(store.size()).isLessThanOrEqualTo(100).isPositive();
  }

  @Test
  void anEditThatChangesNothingKeepsTheSameSession() {
    Session session = Session.fresh("o/s", 5);
    assertThat(session.edit().build(9)).isSameAs(session);
    SessionEditor editor = session.edit();
    editor.temperature = 0.2;
    Session changed = editor.build(9);
    assertThat(changed.overrides().temperature()).isEqualTo(0.2);
    assertThat(changed.updatedAt()).isEqualTo(9);
    assertThat(changed.commands()).isEqualTo(1);
    assertThat(changed.createdAt()).isEqualTo(5);
  }
}
