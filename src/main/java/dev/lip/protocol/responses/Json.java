package dev.lip.protocol.responses;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** This dialect's view of the shared Jackson mapper, and small tree helpers. */
final class Json {
  static final ObjectMapper MAPPER = dev.lip.protocol.Json.MAPPER;
  static final JsonFactory FACTORY = MAPPER.getFactory();
  static final JsonNodeFactory NODES = MAPPER.getNodeFactory();

  private Json() {
  }

  /** Compact JSON text of a tree. */
  static String write(JsonNode node) {
    return dev.lip.protocol.Json.write(node);
  }

  /** The member {@code name} of {@code node}, or {@code null} when absent or JSON {@code null}. */
  static JsonNode get(JsonNode node, String name) {
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? null : value;
  }

  /** The text of member {@code name} when it is a string, else {@code null}. Never throws. */
  static String text(JsonNode node, String name) {
    JsonNode value = node.get(name);
    return value != null && value.isTextual() ? value.textValue() : null;
  }

  /** The long value of member {@code name} when it is a number, else 0. Never throws. */
  static long count(JsonNode node, String name) {
    JsonNode value = node.get(name);
    return value != null && value.isNumber() ? value.longValue() : 0L;
  }
}
