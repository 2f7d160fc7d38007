package dev.lip.model;

/** Why the model stopped, mapped between dialects (stop ↔ end_turn ↔ STOP and so on). */
public enum StopReason {
  /** Natural end of the answer. */
  END_TURN,
  /** The token limit was reached. */
  MAX_TOKENS,
  /** A stop sequence matched. */
  STOP_SEQUENCE,
  /** The model wants tools to run. */
  TOOL_USE,
  /** The provider filtered the content. */
  CONTENT_FILTER,
  /** The provider refused to answer. */
  REFUSAL
}
