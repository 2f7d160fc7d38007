package dev.lip.protocol.anthropic;

import dev.lip.model.StopReason;

/** {@link StopReason} ↔ Anthropic {@code stop_reason}. */
final class StopReasons {
  private StopReasons() {
  }

  /** {@link StopReason#CONTENT_FILTER} has no Anthropic value of its own and is sent as {@code refusal}. */
  static String toAnthropic(StopReason reason) {
    switch (reason) {
      case MAX_TOKENS:
        return "max_tokens";
      case STOP_SEQUENCE:
        return "stop_sequence";
      case TOOL_USE:
        return "tool_use";
      case CONTENT_FILTER:
      case REFUSAL:
        return "refusal";
      default:
        return "end_turn";
    }
  }

  /**
   * The stop reason for a provider's {@code stop_reason}. {@code pause_turn} (a server-tool turn the
   * provider paused) has no canonical equivalent and counts as a natural end, as do unknown values;
   * {@code model_context_window_exceeded} counts as {@link StopReason#MAX_TOKENS}. An answer holding tool
   * calls whose reason is missing counts as {@link StopReason#TOOL_USE}.
   */
  static StopReason fromAnthropic(String stopReason, boolean hasToolCalls) {
    if (stopReason != null) {
      switch (stopReason) {
        case "end_turn":
        case "pause_turn":
          return StopReason.END_TURN;
        case "max_tokens":
        case "model_context_window_exceeded":
          return StopReason.MAX_TOKENS;
        case "stop_sequence":
          return StopReason.STOP_SEQUENCE;
        case "tool_use":
          return StopReason.TOOL_USE;
        case "refusal":
          return StopReason.REFUSAL;
        default:
          break;
      }
    }
    return hasToolCalls ? StopReason.TOOL_USE : StopReason.END_TURN;
  }
}
