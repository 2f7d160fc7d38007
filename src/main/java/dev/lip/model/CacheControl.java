package dev.lip.model;

/**
 * A prompt-cache marker (Anthropic {@code cache_control}), kept so that it reaches backends that honour it.
 *
 * @param type the marker type, {@code ephemeral} today
 * @param ttl  the optional time to live such as {@code 5m} or {@code 1h}, or {@code null}
 */
public record CacheControl(String type, String ttl) {
  public static final CacheControl EPHEMERAL = new CacheControl("ephemeral", null);
}
