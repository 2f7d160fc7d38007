package dev.lip.protocol.responses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lip.model.ChatResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Provider {@code response} ({@code name.json}) → canonical response ({@code name.canonical.json}) → client
 * {@code response} ({@code name.encoded.json}, created at 1700000000).
 */
class GoldenResponseTest {
  private static final ResponsesDialect DIALECT =
      new ResponsesDialect(Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC));

  @ParameterizedTest
  @ValueSource(strings = {"response-text", "response-tools", "response-incomplete"})
  void decodesIntoExpectedCanonicalResponse(String name) {
    ChatResponse response = DIALECT.decodeResponse(Golden.json(name + ".json"));
    assertThat(Golden.canonical(response)).isEqualTo(Golden.json(name + ".canonical.json"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"response-text", "response-tools", "response-incomplete"})
  void encodesIntoExpectedClientResponse(String name) {
    ChatResponse response = DIALECT.decodeResponse(Golden.json(name + ".json"));
    assertThat(Golden.parse(DIALECT.encodeResponse(response).toString()))
        .isEqualTo(Golden.json(name + ".encoded.json"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"response-text", "response-tools", "response-incomplete"})
  void encodedResponseDecodesToTheSameAnswer(String name) {
    ChatResponse response = DIALECT.decodeResponse(Golden.json(name + ".json"));
    assertThat(DIALECT.decodeResponse(DIALECT.encodeResponse(response))).isEqualTo(response);
  }
}
