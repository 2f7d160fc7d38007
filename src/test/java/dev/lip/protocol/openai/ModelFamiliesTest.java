package dev.lip.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lip.model.ChatRequest;
import dev.lip.model.Reasoning;
import dev.lip.model.Sampling;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Requests translated for OpenAI models carry only parameters those models accept. */
class ModelFamiliesTest {
  private static final OpenAiChatDialect DIALECT = new OpenAiChatDialect();

  private static JsonNode encode(String model) {
    ChatRequest request = ChatRequest.simple(model, "hi", false)
        .withSampling(new Sampling(0.2, 0.9, null, 100, List.of(), null, null, null))
        .withReasoning(new Reasoning("high", null, null));
    return DIALECT.encodeRequest(request, model);
  }

  @Test
  void reasoningModelsGetMaxCompletionTokensAndNoSamplingTemperature() {
    for (String model : List.of("o3-mini", "o1", "o4-mini-2025-04-16", "gpt-5-codex", "openai/o3")) {
      JsonNode body = encode(model);
      assertThat(body.path("max_completion_tokens").asInt()).as(model).isEqualTo(100);
      assertThat(body.has("max_tokens")).as(model).isFalse();
      assertThat(body.has("temperature")).as(model).isFalse();
      assertThat(body.has("top_p")).as(model).isFalse();
      assertThat(body.path("reasoning_effort").asText()).as(model).isEqualTo("high");
    }
  }

  @Test
  void classicChatModelsGetNoReasoningEffort() {
    JsonNode body = encode("gpt-4o-mini");
    assertThat(body.has("reasoning_effort")).isFalse();
    assertThat(body.path("max_tokens").asInt()).isEqualTo(100);
    assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
  }

  @Test
  void otherVendorsModelsAreSentAsShaped() {
    JsonNode body = encode("deepseek-reasoner");
    assertThat(body.path("reasoning_effort").asText()).isEqualTo("high");
    assertThat(body.path("max_tokens").asInt()).isEqualTo(100);
    assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
  }
}
