package dev.lip.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/** The one shared Jackson mapper for wire JSON, and lenient parsing helpers. */
public final class Json {
  /** Thread-safe once configured; never reconfigure it. */
  public static final ObjectMapper MAPPER = new ObjectMapper();

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
}
