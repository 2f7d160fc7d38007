package dev.lip.protocol.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lip.model.ChatResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Provider {@code GenerateContentResponse} ({@code name.json}) → canonical response
 * ({@code name.canonical.json}) → client response ({@code name.encoded.json}).
 */
class GoldenResponseTest {
  private static final GeminiDialect DIALECT = new GeminiDialect();

  @ParameterizedTest
  @ValueSource(strings = {"response-text", "response-tools", "response-length"})
  void decodesIntoExpectedCanonicalResponse(String name) {
    ChatResponse response = DIALECT.decodeResponse(Golden.json(name + ".json"));
    assertThat(Golden.canonical(response)).isEqualTo(Golden.json(name + ".canonical.json"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"response-text", "response-tools", "response-length"})
  void encodesIntoExpectedClientResponse(String name) {
    ChatResponse response = DIALECT.decodeResponse(Golden.json(name + ".json"));
    assertThat(Golden.parse(DIALECT.encodeResponse(response).toString()))
        .isEqualTo(Golden.json(name + ".encoded.json"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"response-text", "response-tools", "response-length"})
  void encodedResponseDecodesToTheSameAnswer(String name) {
    ChatResponse response = DIALECT.decodeResponse(Golden.json(name + ".json"));
    assertThat(DIALECT.decodeResponse(DIALECT.encodeResponse(response))).isEqualTo(response);
  }
}
