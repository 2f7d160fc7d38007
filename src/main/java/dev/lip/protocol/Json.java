package dev.lip.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;

/** The one shared Jackson mapper for wire JSON, and small tree helpers every dialect uses. */
public final class Json {
  /** Thread-safe once configured; never reconfigure it. */
  public static final ObjectMapper MAPPER = new ObjectMapper();
  public static final JsonFactory FACTORY = MAPPER.getFactory();
  public static final JsonNodeFactory NODES = MAPPER.getNodeFactory();

  private Json() {
  }

  /** Parses {@code bytes}, or returns a {@link MissingNode} when they are not JSON. */
  public static JsonNode parseLenient(byte[] bytes) {
    try {
      JsonNode node = MAPPER.readTree(bytes);
      return node == null ? MissingNode.getInstance() : node;
    } catch (java.io.IOException e) {
      return MissingNode.getInstance();
    }
  }

  /** Serializes a tree to compact UTF-8 JSON bytes. */
  public static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  /** Serializes a tree to compact JSON text. */
  public static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  /** {@code text} parsed as JSON, or {@code null} when it is not JSON. Never throws. */
  public static JsonNode parseOrNull(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** The member {@code name} of {@code node}, or {@code null} when absent or JSON {@code null}. */
  public static JsonNode get(JsonNode node, String name) {
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? null : value;
  }

  /** The text of member {@code name} when it is a string, else {@code null}. Never throws. */
  public static String text(JsonNode node, String name) {
    JsonNode value = node.get(name);
    return value != null && value.isTextual() ? value.textValue() : null;
  }

  /** The long value of member {@code name} when it is a number, else 0. Never throws. */
  public static long count(JsonNode node, String name) {
    JsonNode value = node.get(name);
    return value != null && value.isNumber() ? value.longValue() : 0L;
  }

  /**
   * The machine-readable code of a provider error body: {@code error.code} when it is a string (OpenAI,
   * e.g. {@code context_length_exceeded}), else {@code error.status} (Gemini, e.g.
   * {@code INVALID_ARGUMENT}), else {@code error.type} (Anthropic, e.g. {@code overloaded_error}), else
   * {@code null}. An array body is read from its first element.
   */
  public static String errorCode(JsonNode body) {
    JsonNode error = errorObject(body);
    if (error == null || !error.isObject()) {
      return null;
    }
    String code = text(error, "code");
    if (code == null) {
      code = text(error, "status");
    }
    return code != null ? code : text(error, "type");
  }

  /** The {@code error} member of an error body, or of the first element of an array body; else {@code null}. */
  private static JsonNode errorObject(JsonNode body) {
    if (body != null && body.isArray()) {
      return body.isEmpty() ? null : errorObject(body.get(0));
    }
    return body != null && body.isObject() ? body.get("error") : null;
  }

  /**
   * The human-readable message of a provider error body: {@code error.message}, else a string
   * {@code error}, else a top-level {@code message}, else {@code null}. An array body (Gemini's non-SSE
   * stream error shape {@code [{"error":…}]}) is read from its first element.
   */
  public static String errorMessage(JsonNode body) {
    if (body == null) {
      return null;
    }
    if (body.isArray()) {
      return body.isEmpty() ? null : errorMessage(body.get(0));
    }
    if (!body.isObject()) {
      return null;
    }
    JsonNode error = body.get("error");
    if (error != null) {
      if (error.isTextual()) {
        return error.textValue();
      }
      String message = text(error, "message");
      if (message != null) {
        return message;
      }
    }
    return text(body, "message");
  }
}
