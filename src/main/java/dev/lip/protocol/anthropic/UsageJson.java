package dev.lip.protocol.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lip.model.Usage;
import dev.lip.protocol.Json;

/**
 * {@link Usage} ↔ the Anthropic {@code usage} object.
 *
 * <p>Anthropic's {@code input_tokens} counts only the prompt tokens after the last cache breakpoint;
 * canonical {@link Usage#inputTokens()} counts all of them. So canonical input =
 * {@code input_tokens + cache_read_input_tokens + cache_creation_input_tokens}, cached =
 * {@code cache_read_input_tokens}, cache creation = {@code cache_creation_input_tokens}, and the
 * encoding is the inverse (never negative). Anthropic reports no reasoning-token count: it reads as 0.
 */
final class UsageJson {
  private UsageJson() {
  }

  static ObjectNode toTree(Usage usage) {
    long uncached = Math.max(0, usage.inputTokens() - usage.cachedInputTokens() - usage.cacheCreationTokens());
    return Json.NODES.objectNode()
        .put("input_tokens", uncached)
        .put("cache_creation_input_tokens", usage.cacheCreationTokens())
        .put("cache_read_input_tokens", usage.cachedInputTokens())
        .put("output_tokens", usage.outputTokens());
  }

  /** Reads a provider's usage object; absent counts are 0. Never throws. */
  static Usage fromTree(JsonNode usage) {
    long cacheRead = Json.count(usage, "cache_read_input_tokens");
    long cacheCreation = Json.count(usage, "cache_creation_input_tokens");
    return new Usage(Json.count(usage, "input_tokens") + cacheRead + cacheCreation,
        Json.count(usage, "output_tokens"), cacheRead, cacheCreation, 0);
  }
}
