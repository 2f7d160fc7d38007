package dev.lip.protocol.openai;

import dev.lip.model.ToolChoice;
import dev.lip.protocol.Params;

/** The string forms of {@code tool_choice} that both OpenAI APIs (Chat Completions and Responses) share. */
public final class ToolChoiceModes {
  private ToolChoiceModes() {
  }

  /**
   * {@code auto}, {@code none} or {@code required} as a canonical tool choice.
   *
   * @throws dev.lip.protocol.InvalidRequestException naming {@code tool_choice} for any other word
   */
  public static ToolChoice parse(String mode) {
    switch (mode) {
      case "auto":
        return ToolChoice.AUTO;
      case "none":
        return ToolChoice.NONE;
      case "required":
        return ToolChoice.REQUIRED;
      default:
        throw Params.invalidValue("tool_choice", "'" + mode + "' is not one of auto, none, required.");
    }
  }
}
