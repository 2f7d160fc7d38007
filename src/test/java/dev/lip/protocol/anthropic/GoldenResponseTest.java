package dev.lip.protocol.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lip.model.ChatResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Provider {@code message} ({@code name.json}) → canonical response ({@code name.canonical.json}) → client
 * {@code message} ({@code name.encoded.json}).
 */
class GoldenResponseTest {
  private static final AnthropicDialect DIALECT = new AnthropicDialect();

  @ParameterizedTest
  @ValueSource(strings = {"response-text", "response-tools", "response-stop-sequence"})
  void decodesIntoExpectedCanonicalResponse(String name) {
    ChatResponse response = DIALECT.decodeResponse(Golden.json(name + ".json"));
    assertThat(Golden.canonical(response)).isEqualTo(Golden.json(name + ".canonical.json"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"response-text", "response-tools", "response-stop-sequence"})
  void encodesIntoExpectedClientResponse(String name) {
    ChatResponse response = DIALECT.decodeResponse(Golden.json(name + ".json"));
    assertThat(Golden.parse(DIALECT.encodeResponse(response).toString()))
        .isEqualTo(Golden.json(name + ".encoded.json"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"response-text", "response-tools", "response-stop-sequence"})
  void encodedResponseDecodesToTheSameAnswer(String name) {
    ChatResponse response = DIALECT.decodeResponse(Golden.json(name + ".json"));
    assertThat(DIALECT.decodeResponse(DIALECT.encodeResponse(response))).isEqualTo(response);
  }
}
