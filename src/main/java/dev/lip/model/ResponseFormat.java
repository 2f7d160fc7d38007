package dev.lip.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * The required shape of the answer.
 *
 * @param schema the JSON schema for {@link Kind#JSON_SCHEMA}, else {@code null}
 * @param name   the schema name, or {@code null}
 * @param strict the OpenAI {@code strict} flag, or {@code null}
 */
public record ResponseFormat(Kind kind, String name, JsonNode schema, Boolean strict) {

  /** Answer shapes common to the dialects. */
  public enum Kind {
    TEXT, JSON_OBJECT, JSON_SCHEMA
  }

  public ResponseFormat {
    Objects.requireNonNull(kind, "kind");
  }
}
