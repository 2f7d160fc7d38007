package dev.lip.protocol.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lip.model.ChatRequest;
import dev.lip.protocol.openai.OpenAiChatDialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Client request ({@code name.json}) → canonical form ({@code name.canonical.json}) → request for a Gemini
 * provider ({@code name.wire.json}, addressed to the model given with each case: the model family decides
 * the thinking config and the Gemini 3 signature rule).
 */
class GoldenRequestTest {
  private static final GeminiDialect DIALECT = new GeminiDialect();

  @ParameterizedTest
  @ValueSource(strings = {"request-cli", "request-parameters", "request-json-output"})
  void decodesIntoExpectedCanonicalForm(String name) {
    ChatRequest request = DIALECT.decodeRequest(Golden.json(name + ".json"));
    assertThat(Golden.canonical(request)).isEqualTo(Golden.json(name + ".canonical.json"));
  }

  @ParameterizedTest
  @CsvSource({"request-cli, gemini-3-pro-preview", "request-parameters, gemini-2.5-flash",
      "request-json-output, gemini-2.5-flash-lite"})
  void reEncodesIntoExpectedProviderRequest(String name, String model) {
    ChatRequest request = DIALECT.decodeRequest(Golden.json(name + ".json"));
    assertThat(Golden.parse(DIALECT.encodeRequest(request, model).toString()))
        .isEqualTo(Golden.json(name + ".wire.json"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"request-cli", "request-parameters", "request-json-output"})
  void providerRequestDecodesBackToTheSameRequest(String name) {
    ChatRequest request = DIALECT.decodeRequest(Golden.json(name + ".json"));
    ChatRequest again = DIALECT.decodeRequest(DIALECT.encodeRequest(request, "gemini-2.5-pro"));
    assertThat(again.system()).isEqualTo(request.system());
    assertThat(again.tools()).isEqualTo(request.tools());
    assertThat(again.toolChoice()).isEqualTo(request.toolChoice());
    assertThat(again.sampling()).isEqualTo(request.sampling());
    assertThat(again.responseFormat()).isEqualTo(request.responseFormat());
    assertThat(again.passthrough()).isEqualTo(request.passthrough());
  }

  @Test
  void cliConversationSurvivesTheRoundTripExactly() {
    ChatRequest request = DIALECT.decodeRequest(Golden.json("request-cli.json"));
    ChatRequest again = DIALECT.decodeRequest(DIALECT.encodeRequest(request, "gemini-3-pro-preview"));
    assertThat(again).isEqualTo(request);
  }

  @Test
  void openAiHistoryBecomesGeminiContentsWithResolvedNames() {
    ChatRequest request = new OpenAiChatDialect().decodeRequest(Golden.json("request-openai-history.openai.json"));
    assertThat(Golden.parse(DIALECT.encodeRequest(request, "gemini-3-pro-preview").toString()))
        .isEqualTo(Golden.json("request-openai-history.wire.json"));
  }
}
