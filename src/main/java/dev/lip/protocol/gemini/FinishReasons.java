package dev.lip.protocol.gemini;

import dev.lip.model.StopReason;

/** {@link StopReason} ↔ Gemini {@code finishReason}. */
final class FinishReasons {
  private FinishReasons() {
  }

  /**
   * {@code STOP} for natural ends, stop sequences and tool use (Gemini has no tool-use reason),
   * {@code MAX_TOKENS}, and {@code SAFETY} for filtered content and refusals.
   */
  static String toGemini(StopReason reason) {
    switch (reason) {
      case MAX_TOKENS:
        return "MAX_TOKENS";
      case CONTENT_FILTER:
      case REFUSAL:
        return "SAFETY";
      default:
        return "STOP";
    }
  }

  /**
   * The stop reason for a provider's {@code finishReason}. Safety-like reasons ({@code SAFETY},
   * {@code RECITATION}, {@code BLOCKLIST}, {@code PROHIBITED_CONTENT}, {@code SPII}, {@code IMAGE_*})
   * count as a content filter; {@code MAX_TOKENS} as the token limit; everything else
   * ({@code STOP}, {@code OTHER}, {@code MALFORMED_FUNCTION_CALL}, unknown values) as a natural end, which
   * becomes {@link StopReason#TOOL_USE} when the answer carries function calls.
   */
  static StopReason fromGemini(String finishReason, boolean hasToolCalls) {
    if (finishReason != null) {
      switch (finishReason) {
        case "MAX_TOKENS":
          return StopReason.MAX_TOKENS;
        case "SAFETY":
        case "RECITATION":
        case "BLOCKLIST":
        case "PROHIBITED_CONTENT":
        case "SPII":
        case "IMAGE_SAFETY":
        case "IMAGE_PROHIBITED_CONTENT":
        case "IMAGE_RECITATION":
          return StopReason.CONTENT_FILTER;
        default:
          break;
      }
    }
    return hasToolCalls ? StopReason.TOOL_USE : StopReason.END_TURN;
  }
}
