package dev.lip.model;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * What the client asked of the model's reasoning; each field is {@code null} when unset.
 *
 * @param effort          {@code minimal}, {@code low}, {@code medium}, {@code high} or a provider word
 * @param budgetTokens    a token budget for thinking (Anthropic, Gemini)
 * @param includeThoughts whether reasoning text should be returned to the client
 */
public record Reasoning(String effort, Integer budgetTokens, Boolean includeThoughts) {
  public static final Reasoning UNSET = new Reasoning(null, null, null);

  @JsonIgnore
  public boolean isUnset() {
    return effort == null && budgetTokens == null && includeThoughts == null;
  }
}
