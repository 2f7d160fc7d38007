package dev.lip.config;

import java.util.Objects;

/**
 * In-chat command settings.
 *
 * @param enabled whether commands act; when {@code false} command tokens are still stripped but change
 *                nothing
 * @param prefix  the text that starts a command (see {@link #prefixProblem(String)})
 */
public record CommandSettings(boolean enabled, String prefix) {
  /** The prefix used when none is configured. */
  public static final String DEFAULT_PREFIX = "!/";
  /** Commands on, with the default prefix. */
  public static final CommandSettings DEFAULTS = new CommandSettings(true, DEFAULT_PREFIX);

  private static final int MIN_LENGTH = 2;
  private static final int MAX_LENGTH = 10;

  /**
   * @throws IllegalArgumentException when {@code prefix} is not acceptable
   */
  public CommandSettings {
    Objects.requireNonNull(prefix, "prefix");
    String problem = prefixProblem(prefix);
    if (problem != null) {
      throw new IllegalArgumentException("command prefix " + problem);
    }
  }

  /**
   * Why {@code prefix} is not acceptable (2–10 printable non-space ASCII characters, 0x21..0x7E), or
   * {@code null} when it is.
   */
  public static String prefixProblem(String prefix) {
    if (prefix == null) {
      return "must be set";
    }
    if (prefix.length() < MIN_LENGTH || prefix.length() > MAX_LENGTH) {
      return "must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters long";
    }
    for (int i = 0; i < prefix.length(); i++) {
      char c = prefix.charAt(i);
      if (c < 0x21 || c > 0x7E) {
        return "must hold only printable ASCII characters other than space (0x21..0x7E)";
      }
    }
    return null;
  }
}
