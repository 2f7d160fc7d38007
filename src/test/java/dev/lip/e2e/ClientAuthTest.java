package dev.lip.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lip.Gateway;
import dev.lip.config.ProxyConfig;
import dev.lip.fakes.Client;
import dev.lip.fakes.TestProxy;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** With client keys configured, every door accepts every auth style and refuses a wrong key in its own shape. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(30)
class ClientAuthTest {
  private static final String KEY = "proxy-client-key-123";
  private static final Map<String, String> BODIES = Map.of(
      "/v1/chat/completions", "{\"model\":\"mock:echo\",\"messages\":[{\"role\":\"user\",\"content\":\"ping\"}]}",
      "/v1/responses", "{\"model\":\"mock:echo\",\"input\":\"ping\"}",
      "/v1/messages", "{\"model\":\"mock:echo\",\"max_tokens\":9,\"messages\":[{\"role\":\"user\",\"content\":\"ping\"}]}",
      "/v1beta/models/mock:echo:generateContent", "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"ping\"}]}]}");

  private Vertx vertx;
  private Client client;

  @BeforeAll
  void start() {
    vertx = Vertx.vertx();
    ProxyConfig config = new ProxyConfig("127.0.0.1", 0, -1, "mock", "info", false, List.of(KEY),
        1 << 20, 15_000, 30_000, Map.of("mock", TestProxy.mock()));
    client = new Client(new Gateway(vertx, config, 1).start().await().main());
  }

  @AfterAll
  void stop() {
    vertx.close().await();
  }

  @ParameterizedTest(name = "{0} with {1}")
  @CsvSource({
      "/v1/chat/completions, authorization", "/v1/chat/completions, x-api-key",
      "/v1/chat/completions, x-goog-api-key", "/v1/chat/completions, ?key=", "/v1/chat/completions, ?api_key=",
      "/v1/responses, authorization", "/v1/responses, x-goog-api-key",
      "/v1/messages, x-api-key", "/v1/messages, authorization", "/v1/messages, ?key=",
      "/v1beta/models/mock:echo:generateContent, x-goog-api-key",
      "/v1beta/models/mock:echo:generateContent, ?key=", "/v1beta/models/mock:echo:generateContent, authorization"})
  void everyAuthStyleIsAcceptedOnEveryDoor(String path, String style) {
    Client.Answer answer = style.startsWith("?")
        ? client.post(path + style + KEY, BODIES.get(path))
        : client.post(path, BODIES.get(path), style, style.equals("authorization") ? "Bearer " + KEY : KEY);

    assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "/v1/chat/completions, /error/type, authentication_error",
      "/v1/responses, /error/type, authentication_error",
      "/v1/messages, /error/type, authentication_error",
      "/v1beta/models/mock:echo:generateContent, /error/status, UNAUTHENTICATED"})
  void aWrongKeyIsA401InTheDoorsShape(String path, String pointer, String expected) {
    Client.Answer answer = client.post(path, BODIES.get(path), "x-api-key", "wrong-key");

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.json().at(pointer).asText()).isEqualTo(expected);
  }
}
