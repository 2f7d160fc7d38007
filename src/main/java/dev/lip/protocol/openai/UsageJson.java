package dev.lip.protocol.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lip.model.Usage;
import java.io.IOException;
import java.io.UncheckedIOException;

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

  /** Reads a provider's usage object given as a tree; absent counts are 0. Never throws. */
  static Usage fromTree(JsonNode usage) {
    try (JsonParser json = usage.traverse()) {
      json.nextToken();
      return read(json);
    } catch (IOException e) {
      throw new UncheckedIOException("a tree always reads", e);
    }
  }

  /**
   * Reads the provider's usage value the parser is on, leaving the parser on its last token: an object's
   * counts (absent ones 0), {@link Usage#ZERO} for any other value. A repeated key counts with its last
   * value, as in a tree.
   */
  static Usage read(JsonParser json) throws IOException {
    if (json.currentToken() != JsonToken.START_OBJECT) {
      json.skipChildren();
      return Usage.ZERO;
    }
    long prompt = 0;
    long completion = 0;
    long cached = 0;
    long reasoning = 0;
    String name;
    while ((name = json.nextFieldName()) != null) {
      json.nextToken();
      switch (name) {
        case "prompt_tokens":
          prompt = count(json);
          break;
        case "completion_tokens":
          completion = count(json);
          break;
        case "prompt_tokens_details":
          cached = detail(json, "cached_tokens");
          break;
        case "completion_tokens_details":
          reasoning = detail(json, "reasoning_tokens");
          break;
        default:
          json.skipChildren();
          break;
      }
    }
    return new Usage(prompt, completion, cached, 0, reasoning);
  }

  /** The count {@code name} of the details object the parser is on; 0 when absent or not an object. */
  private static long detail(JsonParser json, String name) throws IOException {
    if (json.currentToken() != JsonToken.START_OBJECT) {
      json.skipChildren();
      return 0;
    }
    long count = 0;
    String field;
    while ((field = json.nextFieldName()) != null) {
      json.nextToken();
      if (field.equals(name)) {
        count = count(json);
      } else {
        json.skipChildren();
      }
    }
    return count;
  }

  /** The number the parser is on as a long, cut as a tree's {@code longValue()} cuts it; else 0. */
  private static long count(JsonParser json) throws IOException {
    if (json.currentToken().isNumeric()) {
      return json.getNumberValue().longValue();
    }
    json.skipChildren();
    return 0;
  }
}
