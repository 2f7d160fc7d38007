package dev.lip.protocol.gemini;

import java.util.UUID;

/**
 * Ids for Gemini function calls that came without one (Gemini 2.x never sends ids). Every synthesized id
 * starts with {@link #PREFIX}, so that the request encoder can leave it out of what it sends to Gemini: the
 * provider sees its calls exactly as it produced them.
 */
final class ToolIds {
  /** The prefix of every id this dialect makes up. */
  static final String PREFIX = "gemini_call_";

  private ToolIds() {
  }

  /** Whether {@code id} was made up by this dialect. */
  static boolean synthesized(String id) {
    return id.startsWith(PREFIX);
  }

  /** The id of the {@code ordinal}-th id-less call of request turn {@code contentIndex}: stable across resends. */
  static String forRequest(int contentIndex, int ordinal) {
    return PREFIX + contentIndex + "_" + ordinal;
  }

  /**
   * The base of the ids of one answer's calls: the provider's {@code responseId} when there is one, else a
   * random token. Unique per answer, so that ids never repeat across the turns of a conversation.
   */
  static String answerBase(String responseId) {
    return responseId == null || responseId.isEmpty()
        ? UUID.randomUUID().toString().replace("-", "").substring(0, 16) : sanitize(responseId);
  }

  /** The id of call {@code index} of the answer with id base {@code base} (see {@link #answerBase}). */
  static String forAnswer(String base, int index) {
    return PREFIX + base + "_" + index;
  }

  /** Keeps {@code [A-Za-z0-9_-]}, the characters every dialect accepts in a tool-call id. */
  private static String sanitize(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
          || c == '-';
      sb.append(ok ? c : '_');
    }
    return sb.toString();
  }
}
