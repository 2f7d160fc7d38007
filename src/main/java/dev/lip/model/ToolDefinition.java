package dev.lip.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A tool the model may call.
 *
 * @param kind        {@link Kind#FUNCTION} for JSON-schema tools, {@link Kind#CUSTOM} for free-form ones
 * @param parameters  the JSON schema of the arguments, or {@code null} for none; for {@link Kind#CUSTOM}
 *                    tools, the OpenAI {@code format} object (free text or a grammar), or {@code null}
 * @param strict      the OpenAI {@code strict} flag, or {@code null}
 */
public record ToolDefinition(
    Kind kind, String name, String description, JsonNode parameters, Boolean strict,
    CacheControl cacheControl) {

  /** How the tool takes its input. */
  public enum Kind {
    FUNCTION, CUSTOM
  }

  public ToolDefinition {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
  }

  public static ToolDefinition function(String name, String description, JsonNode parameters) {
    return new ToolDefinition(Kind.FUNCTION, name, description, parameters, null, null);
  }
}
