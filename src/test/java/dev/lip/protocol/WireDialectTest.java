package dev.lip.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lip.protocol.anthropic.AnthropicDialect;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link WireDialect#decodeAnswer} as dialects without a reader of their own get it. */
class WireDialectTest {
  private static final WireDialect DIALECT = new AnthropicDialect();

  private static ProviderAnswer answer(String body) {
    return DIALECT.decodeAnswer(body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aBodyIsDecodedFromItsTree() {
    String body = GoldenFiles.read("anthropic", "response-text.json");
    assertThat(answer(body)).isEqualTo(new ProviderAnswer.Decoded(DIALECT.decodeResponse(GoldenFiles.parse(body))));
  }

  @Test
  void anErrorObjectFailsWithTheDialectsErrorMessage() {
    assertThat(answer("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"))
        .isEqualTo(new ProviderAnswer.Failed("Overloaded"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"<html>bad gateway</html>", "", "{\"type\":\"message\",\"content\":[", "[]", "null"})
  void aBodyThatIsNotAJsonObjectIsUnreadable(String body) {
    assertThat(answer(body)).isEqualTo(ProviderAnswer.Unreadable.NOT_AN_OBJECT);
  }
}
