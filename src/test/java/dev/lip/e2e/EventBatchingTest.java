package dev.lip.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lip.Gateway;
import dev.lip.bus.StreamEvent;
import dev.lip.config.ProxyConfig;
import dev.lip.config.Timeouts;
import dev.lip.fakes.Chunks;
import dev.lip.fakes.Client;
import dev.lip.fakes.FakeOpenAi;
import dev.lip.fakes.TestProxy;
import dev.lip.model.ChatEvent;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The events one upstream read produces travel to the frontend as one event-bus message: a whole
 * non-streamed answer is one message, and a streamed answer is one message per read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class EventBatchingTest {
  private final List<StreamEvent> sent = new CopyOnWriteArrayList<>();
  private Vertx vertx;
  private FakeOpenAi fake;
  private Client client;

  @BeforeAll
  void start() {
    vertx = Vertx.vertx();
    fake = new FakeOpenAi();
    vertx.deployVerticle(fake).await();
    vertx.eventBus().addOutboundInterceptor(delivery -> {
      if (delivery.message().body() instanceof StreamEvent event) {
        sent.add(event);
      }
      delivery.next();
    });
    ProxyConfig config = new ProxyConfig("127.0.0.1", 0, -1, "openai", "info", true, List.of(), 1 << 20,
        15_000, 500, Map.of("openai", TestProxy.openai("openai", fake.baseUrl(), Timeouts.DEFAULTS, List.of())));
    client = new Client(new Gateway(vertx, config, 1).start().await().main());
  }

  @AfterAll
  void stop() {
    vertx.close().await();
  }

  @BeforeEach
  void clear() {
    sent.clear();
  }

  @Test
  void aNonStreamedAnswerReachesTheFrontendAsOneMessage() {
    fake.answer(FakeOpenAi.json(200, Chunks.completion("all at once")));

    Client.Answer answer = client.post("/v1/chat/completions",
        "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().at("/choices/0/message/content").asText()).isEqualTo("all at once");
    assertThat(sent).singleElement().satisfies(message -> assertThat(message.events())
        .extracting(event -> (Class) event.getClass())
        .containsExactly(ChatEvent.Started.class, ChatEvent.TextDelta.class, ChatEvent.UsageReport.class,
            ChatEvent.Finished.class));
  }

  @Test
  void theEventsOfOneStreamedReadTravelTogether() {
    fake.answer((request, json, upstream) -> {
      var response = request.response().setChunked(true).putHeader("content-type", "text/event-stream");
      response.write("data: " + Chunks.text("a") + "\n\ndata: " + Chunks.text("b") + "\n\ndata: "
          + Chunks.text("c") + "\n\n");
      vertx.setTimer(100, id -> response.end("data: " + Chunks.finish("stop") + "\n\ndata: [DONE]\n\n"));
    });

    Client.Answer answer = client.post("/v1/chat/completions",
        "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.data()).last().isEqualTo("[DONE]");
    assertThat(String.join("", answer.data())).contains("\"a\"", "\"b\"", "\"c\"");
    assertThat(sent).hasSize(2);
    assertThat(sent.get(0).events()).containsExactly(new ChatEvent.Started(sent.get(0).requestId(), "openai",
        "gpt-4o"), new ChatEvent.TextDelta("a"), new ChatEvent.TextDelta("b"), new ChatEvent.TextDelta("c"));
    assertThat(sent.get(1).events()).last().matches(ChatEvent::terminal);
  }
}
