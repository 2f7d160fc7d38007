package dev.lip.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lip.Gateway;
import dev.lip.config.BackendConfig;
import dev.lip.config.BreakerSettings;
import dev.lip.config.ProxyConfig;
import dev.lip.config.RateLimits;
import dev.lip.config.Timeouts;
import dev.lip.fakes.Chunks;
import dev.lip.fakes.Client;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The client's session reaches the backend: with session affinity, every request of one session goes out
 * with the same key of the backend's pool (without the session the pool would hand its keys out in turn).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class SessionKeyAffinityEndToEndTest {
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private Vertx vertx;
  private Client client;

  @BeforeAll
  void start() {
    vertx = Vertx.vertx();
    int upstreamPort = vertx.createHttpServer()
        .requestHandler(request -> request.body().onSuccess(body -> {
          authorizations.add(request.getHeader("authorization"));
          request.response().putHeader("content-type", "application/json").end(Chunks.completion("hi"));
        }))
        .listen(0, "127.0.0.1").await().actualPort();
    BackendConfig backend = new BackendConfig("openai", "openai", "http://127.0.0.1:" + upstreamPort + "/v1",
        List.of("sk-affinity-key-aaaa1111", "sk-affinity-key-bbbb2222"), List.of("gpt-4o"), Timeouts.DEFAULTS,
        Map.of(), 4, Map.of(), RateLimits.NONE, BreakerSettings.DEFAULTS, true);
    ProxyConfig config = new ProxyConfig("127.0.0.1", 0, -1, "openai", "info", true, List.of(), 1 << 20,
        15_000, 500, Map.of("openai", backend));
    client = new Client(new Gateway(vertx, config, 1).start().await().main());
  }

  @AfterAll
  void stop() {
    vertx.close().await();
  }

  @Test
  void everyRequestOfASessionUsesTheSameKey() {
    for (int i = 0; i < 4; i++) {
      Client.Answer answer = client.post("/v1/chat/completions",
          "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hello " + i + "\"}]}",
          "x-session-id", "affinity-session-1");
      assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
    }

    assertThat(authorizations).hasSize(4).containsOnly(authorizations.get(0));
    assertThat(authorizations.get(0)).startsWith("Bearer sk-affinity-key-");
  }
}
