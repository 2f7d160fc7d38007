package dev.lip.config;

import java.util.Objects;

/**
 * One entry of {@code model_aliases}.
 *
 * @param pattern     a regular expression the whole requested model must match
 * @param replacement the selector it becomes, which may refer to groups of {@code pattern} with
 *                    {@code $1} or {@code ${name}} (written {@code $${name}} in the YAML file, where
 *                    {@code ${…}} reads the environment) and may be composite ({@code a|b})
 */
public record Alias(String pattern, String replacement) {
  public Alias {
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(replacement, "replacement");
  }
}
