package dev.lip.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lip.bus.Addresses;
import dev.lip.bus.BusCodecs;
import dev.lip.bus.Call;
import dev.lip.bus.StreamEvent;
import dev.lip.config.CommandSettings;
import dev.lip.config.FailoverSettings;
import dev.lip.config.ProxyConfig;
import dev.lip.config.SessionSettings;
import dev.lip.config.Timeouts;
import dev.lip.fakes.Client;
import dev.lip.fakes.TestProxy;
import dev.lip.model.ChatEvent;
import dev.lip.model.ProxyError;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The frontend alone, with the router played by a bare event-bus consumer (or missing): what comes back
 * on the stream decides the client's answer, and every wait for it is bounded.
 */
@Timeout(30)
class FrontendCallTest {
  private static final String CHAT =
      "{\"model\":\"openai:gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  private Vertx vertx;
  private Client client;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    BusCodecs.register(vertx.eventBus());
    // Call timeout: failover budget 100 ms + dispatch timeout (100 + 100 + 2 000 ms) + 2 000 ms margin.
    ProxyConfig config = new ProxyConfig("127.0.0.1", 0, -1, "openai", "info", true, List.of(), 1 << 20,
        15_000, 30_000, Map.of("openai", TestProxy.openai("openai", "http://127.0.0.1:9/v1",
            new Timeouts(100, 100, 1_000, 0), List.of())),
        CommandSettings.DEFAULTS, null, SessionSettings.DEFAULTS, List.of(), new FailoverSettings(5, 100, 0));
    FrontendVerticle frontend = new FrontendVerticle(config, 0, FrontendVerticle.NO_PORT,
        new LocalResponseStore(10, Duration.ofMinutes(1)));
    vertx.deployVerticle(frontend).await();
    client = new Client(frontend.actualPort());
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @Test
  void withoutARouterTheClientGets503AtOnce() {
    Client.Answer answer = client.post("/v1/chat/completions", CHAT);

    assertThat(answer.status()).isEqualTo(503);
    assertThat(answer.json().at("/error/message").asText()).isEqualTo("the router is not running");
  }

  @Test
  void aFailureBeforeAnyStartIsAnErrorStatusWithItsRetryAfter() {
    routerAnswers(call -> new ChatEvent.Failed(
        new ProxyError(ProxyError.Kind.RATE_LIMITED, 429, "slow down", true, 7L, null)));

    Client.Answer answer = client.post("/v1/chat/completions", CHAT);

    assertThat(answer.status()).isEqualTo(429);
    assertThat(answer.header("retry-after")).isEqualTo("7");
    assertThat(answer.json().at("/error/message").asText()).isEqualTo("slow down");
  }

  @Test
  void anAnswerThatNeverStartsEndsAfterTheCallTimeout() {
    vertx.eventBus().<Call>consumer(Addresses.ROUTER, call -> { }).completion().await();
    long start = System.currentTimeMillis();

    Client.Answer answer = client.post("/v1/chat/completions", CHAT);

    assertThat(answer.status()).isEqualTo(504);
    assertThat(answer.json().at("/error/message").asText()).isEqualTo("no backend started answering in time");
    assertThat(System.currentTimeMillis() - start).isBetween(4_000L, 10_000L);
  }

  /** A stand-in router that answers every call with one event. */
  private void routerAnswers(Function<Call, ChatEvent> answer) {
    vertx.eventBus().<Call>consumer(Addresses.ROUTER, (Message<Call> message) -> {
      Call call = message.body();
      vertx.eventBus().send(call.streamAddress(),
          new StreamEvent(call.requestId(), answer.apply(call)));
    }).completion().await();
  }
}
