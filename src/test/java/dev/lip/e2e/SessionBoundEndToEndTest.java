package dev.lip.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lip.Gateway;
import dev.lip.config.CommandSettings;
import dev.lip.config.ProxyConfig;
import dev.lip.config.SessionSettings;
import dev.lip.fakes.Client;
import dev.lip.fakes.TestProxy;
import dev.lip.session.LocalSessionStore;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Many concurrent sessions through the real proxy stay within the session store's bound. */
@Timeout(120)
class SessionBoundEndToEndTest {
  private static final int SESSIONS = 1_000;
  private static final int BOUND = 100;
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @Test
  void aThousandConcurrentSessionsStayWithinTheStoreBound() throws Exception {
    ProxyConfig base = TestProxy.config("mock", 15_000, 1 << 20, TestProxy.mock());
    ProxyConfig config = new ProxyConfig(base.host(), 0, -1, "mock", "info", true, List.of(), base.bodyLimitBytes(),
        base.sseKeepAliveMs(), base.slowClientMs(), base.backends(), CommandSettings.DEFAULTS, null,
        new SessionSettings(BOUND, 3_600_000));
    LocalSessionStore store = new LocalSessionStore(config.sessions());
    Client client = new Client(new Gateway(vertx, config, 2, store).start().await().main());
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Callable<Integer>> calls = new ArrayList<>();
      for (int i = 0; i < SESSIONS; i++) {
        String session = "bound-" + i;
        calls.add(() -> client.post("/v1/chat/completions",
            "{\"model\":\"mock\",\"messages\":[{\"role\":\"user\",\"content\":\"!/temperature(0.5)\"}]}",
            "x-session-id", session).status());
      }
      for (Future<Integer> status : pool.invokeAll(calls, 90, TimeUnit.SECONDS)) {
        assertThat(status.get()).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(store.size()).isLessThanOrEqualTo(BOUND).isPositive();

    Client.Answer latest = client.post("/v1/chat/completions",
        "{\"model\":\"mock\",\"messages\":[{\"role\":\"user\",\"content\":\"!/session\"}]}", "x-session-id", "late");
    assertThat(latest.json().at("/choices/0/message/content").asText()).contains("Temperature: default");
    client.post("/v1/chat/completions",
        "{\"model\":\"mock\",\"messages\":[{\"role\":\"user\",\"content\":\"!/temperature(0.7)\"}]}", "x-session-id", "late");
    assertThat(client.post("/v1/chat/completions",
        "{\"model\":\"mock\",\"messages\":[{\"role\":\"user\",\"content\":\"!/session\"}]}", "x-session-id", "late")
        .json().at("/choices/0/message/content").asText()).contains("Temperature: 0.7");
  }
}
