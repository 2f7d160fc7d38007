package dev.lip.protocol.openai;

import dev.lip.model.StopReason;

/** {@link StopReason} ↔ Chat Completions {@code finish_reason}. */
final class FinishReasons {
  private FinishReasons() {
  }

  static String toOpenAi(StopReason reason) {
    switch (reason) {
      case MAX_TOKENS:
        return "length";
      case TOOL_USE:
        return "tool_calls";
      case CONTENT_FILTER:
      case REFUSAL:
        return "content_filter";
      default:
        return "stop";
    }
  }

  /**
   * The stop reason for a provider's {@code finish_reason} (unknown values count as a natural end). An
   * answer that carries tool calls but says {@code stop} (or nothing), as several OpenAI-compatible
   * providers do, is normalised to {@link StopReason#TOOL_USE} so that clients run the tools.
   */
  static StopReason fromOpenAi(String finishReason, boolean hasToolCalls) {
    if (finishReason != null) {
      switch (finishReason) {
        case "length":
          return StopReason.MAX_TOKENS;
        case "tool_calls":
        case "function_call":
          return StopReason.TOOL_USE;
        case "content_filter":
          return StopReason.CONTENT_FILTER;
        default:
          break;
      }
    }
    return hasToolCalls ? StopReason.TOOL_USE : StopReason.END_TURN;
  }
}
