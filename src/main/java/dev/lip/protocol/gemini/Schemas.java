package dev.lip.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lip.protocol.Json;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Gemini's OpenAPI-style {@code Schema} (used by {@code parameters} and {@code responseSchema}) → JSON
 * Schema (the canonical form, and what {@code parametersJsonSchema} / {@code responseJsonSchema} take):
 * enum type names ({@code OBJECT}, {@code STRING}, …) become lower case and {@code nullable: true} becomes
 * a {@code "null"} member of a type union, and Gemini's own {@code propertyOrdering} hint, which is no JSON
 * Schema keyword (strict validators such as OpenAI's reject it), is dropped. Everything else is kept.
 */
final class Schemas {
  /** Members whose values are data, not schemas: never rewritten. */
  private static final Set<String> DATA = Set.of("enum", "required", "example", "default", "const");

  private Schemas() {
  }

  /** The JSON Schema equivalent of {@code schema} (a new tree; the argument is not modified). */
  static JsonNode toJsonSchema(JsonNode schema) {
    if (schema.isArray()) {
      ArrayNode out = Json.NODES.arrayNode(schema.size());
      for (JsonNode element : schema) {
        out.add(toJsonSchema(element));
      }
      return out;
    }
    if (!schema.isObject()) {
      return schema;
    }
    ObjectNode out = Json.NODES.objectNode();
    JsonNode nullable = schema.get("nullable");
    boolean isNullable = nullable != null && nullable.isBoolean() && nullable.booleanValue();
    for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      JsonNode value = e.getValue();
      if (key.equals("nullable") && value.isBoolean() || key.equals("propertyOrdering") && value.isArray()) {
        continue;
      }
      if (key.equals("type") && value.isTextual()) {
        String type = value.textValue().toLowerCase(Locale.ROOT);
        if (isNullable) {
          out.putArray("type").add(type).add("null");
        } else {
          out.put("type", type);
        }
      } else if (DATA.contains(key)) {
        out.set(key, value);
      } else {
        out.set(key, toJsonSchema(value));
      }
    }
    return out;
  }
}
