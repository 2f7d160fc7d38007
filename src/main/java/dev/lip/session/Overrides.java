package dev.lip.session;

/**
 * Parameters a session imposes on every request it sends; each is {@code null} when not overridden.
 *
 * @param reasoningEffort a reasoning effort word ({@code none}, {@code low}, {@code medium}, {@code high}…)
 * @param thinkingBudget  a thinking token budget (Anthropic, Gemini)
 */
public record Overrides(Double temperature, Double topP, Integer maxTokens, String reasoningEffort,
    Integer thinkingBudget) {

  public static final Overrides NONE = new Overrides(null, null, null, null, null);

  /** Whether nothing is overridden. */
  public boolean isEmpty() {
    return equals(NONE);
  }
}
