package dev.lip.model;

import java.util.List;

/**
 * Sampling parameters; each is {@code null} when the client did not set it.
 *
 * @param stop stop sequences, empty when none
 */
public record Sampling(
    Double temperature, Double topP, Integer topK, Integer maxTokens, List<String> stop, Long seed,
    Double presencePenalty, Double frequencyPenalty) {

  public static final Sampling DEFAULTS = new Sampling(null, null, null, null, List.of(), null, null, null);

  public Sampling {
    stop = List.copyOf(stop);
  }

  /** These values, each replaced by {@code over}'s value where that one is set. */
  public Sampling overriddenBy(Sampling over) {
    return new Sampling(
        pick(over.temperature, temperature), pick(over.topP, topP), pick(over.topK, topK),
        pick(over.maxTokens, maxTokens), over.stop.isEmpty() ? stop : over.stop, pick(over.seed, seed),
        pick(over.presencePenalty, presencePenalty), pick(over.frequencyPenalty, frequencyPenalty));
  }

  private static <T> T pick(T preferred, T fallback) {
    return preferred != null ? preferred : fallback;
  }
}
