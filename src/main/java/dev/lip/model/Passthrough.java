package dev.lip.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;

/**
 * Request fields the proxy does not model, kept verbatim so that a backend speaking the same dialect
 * as the client receives them untouched.
 *
 * @param dialect the wire dialect the fields came from (e.g. {@code openai-chat})
 * @param fields  top-level field name to its JSON value
 */
public record Passthrough(String dialect, Map<String, JsonNode> fields) {
  public static final Passthrough NONE = new Passthrough("", Map.of());

  public Passthrough {
    Objects.requireNonNull(dialect, "dialect");
    fields = Map.copyOf(fields);
  }

  /** The fields, when they came from {@code wireDialect}; otherwise none. */
  public Map<String, JsonNode> fieldsFor(String wireDialect) {
    return dialect.equals(wireDialect) ? fields : Map.of();
  }
}
