package dev.lip.protocol.openai;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What OpenAI's own model names say about the parameters they accept, so that requests translated from
 * other dialects do not carry parameters the model rejects. Names of other vendors' models are left
 * alone: for them the request is sent as the client shaped it.
 */
public final class ModelFamilies {
  private static final Pattern O_SERIES = Pattern.compile("o[1-9](-.*)?");

  private ModelFamilies() {
  }

  /**
   * OpenAI reasoning models (o1, o3, o4-mini, gpt-5…): they refuse sampling temperature and top_p, and on
   * Chat Completions take {@code max_completion_tokens} instead of {@code max_tokens}.
   */
  public static boolean reasoning(String model) {
    String name = baseName(model);
    return name.startsWith("gpt-5") || O_SERIES.matcher(name).matches();
  }

  /** OpenAI's classic chat models (gpt-4o, gpt-4.1, gpt-3.5…): they refuse {@code reasoning_effort}. */
  public static boolean classicChat(String model) {
    String name = baseName(model);
    return name.startsWith("gpt-4") || name.startsWith("gpt-3.5") || name.startsWith("chatgpt-");
  }

  /** The model name without a router's vendor prefix ({@code openai/o3-mini} → {@code o3-mini}). */
  private static String baseName(String model) {
    return model.substring(model.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
  }
}
