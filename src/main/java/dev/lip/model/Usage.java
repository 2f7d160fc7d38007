package dev.lip.model;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Token counts of one exchange, normalised across providers.
 *
 * @param inputTokens         all prompt tokens, cached ones included
 * @param outputTokens        all completion tokens, reasoning ones included
 * @param cachedInputTokens   prompt tokens read from the provider's cache
 * @param cacheCreationTokens prompt tokens written to the provider's cache
 * @param reasoningTokens     completion tokens spent on reasoning
 */
public record Usage(
    long inputTokens, long outputTokens, long cachedInputTokens, long cacheCreationTokens,
    long reasoningTokens) {

  public static final Usage ZERO = new Usage(0, 0, 0, 0, 0);

  /** Whether nothing was counted. */
  @JsonIgnore
  public boolean isZero() {
    return inputTokens == 0 && outputTokens == 0 && cachedInputTokens == 0 && cacheCreationTokens == 0
        && reasoningTokens == 0;
  }

  public long totalTokens() {
    return inputTokens + outputTokens;
  }

  /** Field-wise maximum: providers report cumulative counts, sometimes split over several events. */
  public Usage merge(Usage other) {
    return new Usage(
        Math.max(inputTokens, other.inputTokens), Math.max(outputTokens, other.outputTokens),
        Math.max(cachedInputTokens, other.cachedInputTokens),
        Math.max(cacheCreationTokens, other.cacheCreationTokens),
        Math.max(reasoningTokens, other.reasoningTokens));
  }
}
