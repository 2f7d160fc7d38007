package dev.lip.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lip.bus.Call;
import dev.lip.fakes.Client;
import dev.lip.fakes.TestProxy;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every chat door echoes the request's session id in {@code x-session-id}, on every kind of answer. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class SessionIdEndToEndTest {
  private Vertx vertx;
  private Client client;

  @BeforeAll
  void start() {
    vertx = Vertx.vertx();
    client = new Client(TestProxy.start(vertx, TestProxy.config("mock", 15_000, 1 << 20, TestProxy.mock())));
  }

  @AfterAll
  void stop() {
    vertx.close().await();
  }

  /** The four doors, each asked for {@code model}, streamed or not, with one user message. */
  private enum Door {
    CHAT, RESPONSES, MESSAGES, GEMINI;

    String path(String model, boolean stream) {
      return switch (this) {
        case CHAT -> "/v1/chat/completions";
        case RESPONSES -> "/v1/responses";
        case MESSAGES -> "/v1/messages";
        case GEMINI -> "/v1beta/models/" + model
            + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent");
      };
    }

    String body(String model, boolean stream, String text) {
      return switch (this) {
        case CHAT -> "{\"model\":\"" + model + "\",\"stream\":" + stream
            + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
        case RESPONSES -> "{\"model\":\"" + model + "\",\"stream\":" + stream
            + ",\"input\":\"" + text + "\"}";
        case MESSAGES -> "{\"model\":\"" + model + "\",\"stream\":" + stream
            + ",\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
        case GEMINI -> "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"" + text + "\"}]}]}";
      };
    }

    Client.Answer post(Client client, String model, boolean stream, String text, String... headers) {
      return client.post(path(model, stream), body(model, stream, text), headers);
    }
  }

  @ParameterizedTest(name = "{0} stream={1}")
  @CsvSource({"CHAT, false", "CHAT, true", "RESPONSES, false", "RESPONSES, true",
      "MESSAGES, false", "MESSAGES, true", "GEMINI, false", "GEMINI, true"})
  void everyAnswerCarriesTheSessionId(Door door, boolean stream) {
    Client.Answer answer = door.post(client, "mock:echo", stream, "hello " + door);

    assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
    if (stream) {
      assertThat(answer.header("content-type")).startsWith("text/event-stream");
    }
    assertThat(answer.header("x-session-id")).matches("fp-[0-9a-f]{24}");
  }

  @ParameterizedTest(name = "{0} stream={1}")
  @CsvSource({"CHAT, false", "CHAT, true", "RESPONSES, false", "RESPONSES, true",
      "MESSAGES, false", "MESSAGES, true", "GEMINI, false", "GEMINI, true"})
  void anErrorReplyCarriesTheSessionId(Door door, boolean stream) {
    Client.Answer answer = door.post(client, "mock:error-400", stream, "fail", "x-session-id", "failing-1");

    assertThat(answer.status()).as(answer.raw().body()).isEqualTo(400);
    assertThat(answer.header("x-session-id")).isEqualTo("failing-1");
  }

  @ParameterizedTest(name = "{0} stream={1}")
  @CsvSource({"CHAT, false", "RESPONSES, true", "MESSAGES, true", "GEMINI, false"})
  void theClientsSessionHeaderWins(Door door, boolean stream) {
    Client.Answer answer = door.post(client, "mock:echo", stream, "hi", "x-session-id", "my-session-7");

    assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
    assertThat(answer.header("x-session-id")).isEqualTo("my-session-7");
  }

  @Test
  void theRouterGetsTheSessionKeyOfTheClientsCredential() {
    List<String> keys = new CopyOnWriteArrayList<>();
    Handler<DeliveryContext<Object>> spy = delivery -> {
      if (delivery.message().body() instanceof Call call) {
        keys.add(call.sessionKey());
      }
      delivery.next();
    };
    vertx.eventBus().addOutboundInterceptor(spy);
    try {
      Client.Answer mine = Door.CHAT.post(client, "mock:echo", false, "hi", "x-session-id", "shared",
          "authorization", "Bearer sk-first-client-key");
      Client.Answer theirs = Door.CHAT.post(client, "mock:echo", false, "hi", "x-session-id", "shared",
          "authorization", "Bearer sk-second-client-key");
      assertThat(mine.header("x-session-id")).isEqualTo("shared").isEqualTo(theirs.header("x-session-id"));
    } finally {
      vertx.eventBus().removeOutboundInterceptor(spy);
    }

    List<String> distinct = keys.stream().distinct().toList();
    assertThat(distinct).hasSize(2).allMatch(key -> key.matches("[0-9a-f]{12}/shared"))
        .noneMatch(key -> key.contains("client-key"));
  }

  @Test
  void aConversationReSentWithItsHistoryKeepsItsSession() {
    String first = "{\"model\":\"mock:echo\",\"system\":\"be brief\",\"max_tokens\":50,"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"tell me about otters\"}]}";
    Client.Answer one = client.post("/v1/messages", first, "x-api-key", "client-a");
    String answer = one.json().at("/content/0/text").asText();
    String second = "{\"model\":\"mock:echo\",\"system\":\"be brief\",\"max_tokens\":50,"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"tell me about otters\"},"
        + "{\"role\":\"assistant\",\"content\":\"" + answer + "\"},"
        + "{\"role\":\"user\",\"content\":\"and beavers?\"}]}";
    Client.Answer two = client.post("/v1/messages", second, "x-api-key", "client-a");

    assertThat(one.status()).isEqualTo(200);
    assertThat(two.status()).isEqualTo(200);
    assertThat(one.header("x-session-id")).startsWith("fp-").isEqualTo(two.header("x-session-id"));
    assertThat(client.post("/v1/messages", first, "x-api-key", "client-b").header("x-session-id"))
        .as("another credential").isNotEqualTo(one.header("x-session-id"));
    assertThat(client.post("/v1/messages", first.replace("otters", "seals"), "x-api-key", "client-a")
        .header("x-session-id")).as("another conversation").isNotEqualTo(one.header("x-session-id"));
  }

  @Test
  void aPreviousResponseKeepsItsSession() {
    Client.Answer first = client.post("/v1/responses",
        "{\"model\":\"mock:echo\",\"instructions\":\"be brief\",\"input\":\"My name is Ada\"}");
    Client.Answer second = client.post("/v1/responses", "{\"model\":\"mock:echo\",\"stream\":true,"
        + "\"previous_response_id\":\"" + first.json().path("id").asText() + "\","
        + "\"input\":\"What is my name?\"}");

    assertThat(first.status()).isEqualTo(200);
    assertThat(second.status()).as(second.raw().body()).isEqualTo(200);
    assertThat(second.header("x-session-id")).startsWith("fp-").isEqualTo(first.header("x-session-id"));
  }

  @Test
  void aPreviousResponseKeepsTheSessionTheClientNamed() {
    Client.Answer first = client.post("/v1/responses", "{\"model\":\"mock:echo\",\"input\":\"hello\"}",
        "x-session-id", "named-session");
    Client.Answer second = client.post("/v1/responses", "{\"model\":\"mock:echo\",\"input\":\"again\","
        + "\"previous_response_id\":\"" + first.json().path("id").asText() + "\"}");

    assertThat(second.status()).as(second.raw().body()).isEqualTo(200);
    assertThat(second.header("x-session-id")).isEqualTo("named-session");
  }
}
