package dev.lip.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lip.model.Usage;
import dev.lip.protocol.Json;

/**
 * {@link Usage} ↔ Gemini {@code usageMetadata}. Gemini counts thoughts apart from the answer
 * ({@code candidatesTokenCount} excludes {@code thoughtsTokenCount}); canonical output tokens include them.
 */
final class UsageJson {
  private UsageJson() {
  }

  /**
   * {@code promptTokenCount}, {@code candidatesTokenCount} (output minus reasoning), {@code totalTokenCount},
   * then {@code cachedContentTokenCount} and {@code thoughtsTokenCount} only when non-zero, as Gemini does.
   */
  static ObjectNode toTree(Usage usage) {
    ObjectNode out = Json.NODES.objectNode()
        .put("promptTokenCount", usage.inputTokens())
        .put("candidatesTokenCount", Math.max(0, usage.outputTokens() - usage.reasoningTokens()))
        .put("totalTokenCount", usage.totalTokens());
    if (usage.cachedInputTokens() > 0) {
      out.put("cachedContentTokenCount", usage.cachedInputTokens());
    }
    if (usage.reasoningTokens() > 0) {
      out.put("thoughtsTokenCount", usage.reasoningTokens());
    }
    return out;
  }

  /**
   * Reads a provider's {@code usageMetadata}; absent counts are 0. Input is {@code promptTokenCount} plus
   * {@code toolUsePromptTokenCount} (both billed as input); output is candidates plus thoughts. Never throws.
   */
  static Usage fromTree(JsonNode usage) {
    long thoughts = Json.count(usage, "thoughtsTokenCount");
    return new Usage(Json.count(usage, "promptTokenCount") + Json.count(usage, "toolUsePromptTokenCount"),
        Json.count(usage, "candidatesTokenCount") + thoughts, Json.count(usage, "cachedContentTokenCount"), 0,
        thoughts);
  }
}
