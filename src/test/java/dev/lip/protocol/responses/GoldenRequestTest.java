package dev.lip.protocol.responses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lip.model.ChatRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Client request ({@code name.json}) → canonical form ({@code name.canonical.json}) → request for a Responses
 * upstream ({@code name.wire.json}, addressed to model {@code gpt-x}).
 */
class GoldenRequestTest {
  private static final ResponsesDialect DIALECT = Golden.DIALECT;

  @ParameterizedTest
  @ValueSource(strings = {"request-codex", "request-instructions"})
  void decodesIntoExpectedCanonicalForm(String name) {
    ChatRequest request = DIALECT.decodeRequest(Golden.json(name + ".json"));
    assertThat(Golden.canonical(request)).isEqualTo(Golden.json(name + ".canonical.json"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"request-codex", "request-instructions"})
  void reEncodesIntoExpectedProviderRequest(String name) {
    ChatRequest request = DIALECT.decodeRequest(Golden.json(name + ".json"));
    assertThat(Golden.parse(DIALECT.encodeRequest(request, "gpt-x").toString()))
        .isEqualTo(Golden.json(name + ".wire.json"));
  }

  /** Responses → canonical → Responses → canonical loses nothing: reasoning, custom calls, passthrough. */
  @ParameterizedTest
  @ValueSource(strings = {"request-codex", "request-instructions"})
  void providerRequestDecodesBackToTheSameRequest(String name) {
    ChatRequest request = DIALECT.decodeRequest(Golden.json(name + ".json"));
    ChatRequest again = DIALECT.decodeRequest(DIALECT.encodeRequest(request, request.selector()));
    assertThat(again).isEqualTo(request);
  }
}
