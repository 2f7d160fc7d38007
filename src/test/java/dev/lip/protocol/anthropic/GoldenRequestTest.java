package dev.lip.protocol.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lip.model.ChatRequest;
import dev.lip.protocol.openai.OpenAiChatDialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Client request ({@code name.json}) → canonical form ({@code name.canonical.json}) → request for an
 * Anthropic upstream ({@code name.wire.json}, addressed to model {@code claude-x}).
 */
class GoldenRequestTest {
  private static final AnthropicDialect DIALECT = new AnthropicDialect();

  @ParameterizedTest
  @ValueSource(strings = {"request-claude-code", "request-basic"})
  void decodesIntoExpectedCanonicalForm(String name) {
    ChatRequest request = DIALECT.decodeRequest(Golden.json(name + ".json"));
    assertThat(Golden.canonical(request)).isEqualTo(Golden.json(name + ".canonical.json"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"request-claude-code", "request-basic"})
  void reEncodesIntoExpectedProviderRequest(String name) {
    ChatRequest request = DIALECT.decodeRequest(Golden.json(name + ".json"));
    assertThat(Golden.parse(DIALECT.encodeRequest(request, "claude-x").toString()))
        .isEqualTo(Golden.json(name + ".wire.json"));
  }

  @Test
  void claudeCodeRequestSurvivesTheRoundTripToAnAnthropicBackend() {
    ChatRequest request = DIALECT.decodeRequest(Golden.json("request-claude-code.json"));
    ChatRequest again = DIALECT.decodeRequest(DIALECT.encodeRequest(request, request.selector()));
    assertThat(again.messages()).isEqualTo(request.messages());
    assertThat(again.system()).isEqualTo(request.system());
    assertThat(again.tools()).isEqualTo(request.tools());
    assertThat(again.toolChoice()).isEqualTo(request.toolChoice());
    assertThat(again.sampling()).isEqualTo(request.sampling());
    assertThat(again.reasoning()).isEqualTo(request.reasoning());
    assertThat(again.metadata()).isEqualTo(request.metadata());
    assertThat(again.passthrough()).isEqualTo(request.passthrough());
  }

  /**
   * An OpenAI-shaped history (three consecutive {@code role:tool} messages, then a user message) sent to an
   * Anthropic backend: ONE user turn with three {@code tool_result} blocks and the user's text.
   */
  @Test
  void openAiHistoryBecomesAlternatingAnthropicTurns() {
    ChatRequest request = new OpenAiChatDialect().decodeRequest(Golden.json("openai-history.json"));
    assertThat(Golden.parse(DIALECT.encodeRequest(request, "claude-x").toString()))
        .isEqualTo(Golden.json("openai-history.wire.json"));
  }
}
