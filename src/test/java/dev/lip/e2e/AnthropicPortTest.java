package dev.lip.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lip.Gateway;
import dev.lip.config.BackendConfig;
import dev.lip.config.ProxyConfig;
import dev.lip.fakes.Client;
import dev.lip.fakes.TestProxy;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** The optional second listener for Anthropic clients: {@code /v1/messages} at its root, same auth. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(30)
class AnthropicPortTest {
  private static final String CLIENT_KEY = "proxy-client-key-123";
  private static final String MESSAGE = "{\"model\":\"mock:echo\",\"max_tokens\":50,"
      + "\"messages\":[{\"role\":\"user\",\"content\":\"ping\"}]}";

  private Vertx vertx;
  private Gateway.Ports ports;

  @BeforeAll
  void start() {
    vertx = Vertx.vertx();
    BackendConfig mock = TestProxy.mock();
    ProxyConfig config = new ProxyConfig("127.0.0.1", 0, 0, "mock", "info", false, List.of(CLIENT_KEY),
        1 << 20, 15_000, 30_000, Map.of("mock", mock));
    ports = new Gateway(vertx, config, 2).start().await();
  }

  @AfterAll
  void stop() {
    vertx.close().await();
  }

  @Test
  void servesMessagesAtTheRootOfItsOwnPort() {
    assertThat(ports.anthropic()).isPositive().isNotEqualTo(ports.main());

    Client.Answer answer = new Client(ports.anthropic()).post("/v1/messages", MESSAGE,
        "x-api-key", CLIENT_KEY, "anthropic-version", "2023-06-01");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().path("type").asText()).isEqualTo("message");
    assertThat(answer.json().at("/content/0/text").asText()).isEqualTo("ping");
  }

  @Test
  void checksClientKeysLikeTheMainPortInAnthropicShape() {
    Client.Answer answer = new Client(ports.anthropic()).post("/v1/messages", MESSAGE,
        "x-api-key", "wrong-key", "anthropic-version", "2023-06-01");

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.json().path("type").asText()).isEqualTo("error");
    assertThat(answer.json().at("/error/type").asText()).isEqualTo("authentication_error");
  }
}
