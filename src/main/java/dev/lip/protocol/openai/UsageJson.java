package dev.lip.protocol.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lip.model.Usage;
import dev.lip.protocol.Json;
import java.io.IOException;

/** {@link Usage} ↔ the Chat Completions {@code usage} object. */
final class UsageJson {
  private UsageJson() {
  }

  /** Writes the usage object as the next value of {@code json}. */
  static void write(Usage usage, JsonGenerator json) throws IOException {
    json.writeStartObject();
    json.writeNumberField("prompt_tokens", usage.inputTokens());
    json.writeNumberField("completion_tokens", usage.outputTokens());
    json.writeNumberField("total_tokens", usage.totalTokens());
    json.writeObjectFieldStart("prompt_tokens_details");
    json.writeNumberField("cached_tokens", usage.cachedInputTokens());
    json.writeEndObject();
    json.writeObjectFieldStart("completion_tokens_details");
    json.writeNumberField("reasoning_tokens", usage.reasoningTokens());
    json.writeEndObject();
    json.writeEndObject();
  }

  /** Reads a provider's usage object; absent counts are 0. Never throws. */
  static Usage fromTree(JsonNode usage) {
    JsonNode prompt = usage.path("prompt_tokens_details");
    JsonNode completion = usage.path("completion_tokens_details");
    return new Usage(Json.count(usage, "prompt_tokens"), Json.count(usage, "completion_tokens"),
        Json.count(prompt, "cached_tokens"), 0, Json.count(completion, "reasoning_tokens"));
  }
}
