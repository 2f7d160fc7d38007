package dev.lip.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.MissingNode;
import dev.lip.protocol.anthropic.AnthropicDialect;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

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

  @Test
  void aBodyThatIsNotJsonIsDecodedAsAMissingNode() {
    assertThat(answer("<html>bad gateway</html>"))
        .isEqualTo(new ProviderAnswer.Decoded(DIALECT.decodeResponse(MissingNode.getInstance())));
  }
}
