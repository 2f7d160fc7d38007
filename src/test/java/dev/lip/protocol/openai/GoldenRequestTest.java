package dev.lip.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lip.model.ChatRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Client request ({@code name.json}) → canonical form ({@code name.canonical.json}) → request for an
 * OpenAI-compatible upstream ({@code name.wire.json}, addressed to model {@code gpt-x}).
 */
class GoldenRequestTest {
  private static final OpenAiChatDialect DIALECT = new OpenAiChatDialect();

  @ParameterizedTest
  @ValueSource(strings = {"request-basic", "request-tools"})
  void decodesIntoExpectedCanonicalForm(String name) {
    ChatRequest request = DIALECT.decodeRequest(Golden.json(name + ".json"));
    assertThat(Golden.canonical(request)).isEqualTo(Golden.json(name + ".canonical.json"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"request-basic", "request-tools"})
  void reEncodesIntoExpectedProviderRequest(String name) {
    ChatRequest request = DIALECT.decodeRequest(Golden.json(name + ".json"));
    assertThat(Golden.parse(DIALECT.encodeRequest(request, "gpt-x").toString()))
        .isEqualTo(Golden.json(name + ".wire.json"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"request-basic", "request-tools"})
  void providerRequestDecodesBackToTheSameConversation(String name) {
    ChatRequest request = DIALECT.decodeRequest(Golden.json(name + ".json"));
    ChatRequest again = DIALECT.decodeRequest(DIALECT.encodeRequest(request, request.selector()));
    assertThat(again.tools()).isEqualTo(request.tools());
    assertThat(again.toolChoice()).isEqualTo(request.toolChoice());
    assertThat(again.sampling()).isEqualTo(request.sampling());
    assertThat(again.responseFormat()).isEqualTo(request.responseFormat());
    assertThat(again.passthrough()).isEqualTo(request.passthrough());
  }
}
