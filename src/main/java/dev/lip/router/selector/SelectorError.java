package dev.lip.router.selector;

import dev.lip.protocol.InvalidRequestException;

/** The one shape of every selector syntax error: the text, the 0-based position and the reason. */
final class SelectorError {
  private SelectorError() {
  }

  /** A 400 naming {@code text}, {@code position} (an index into {@code text}) and {@code reason}. */
  static InvalidRequestException at(String text, int position, String reason) {
    return new InvalidRequestException(
        "invalid model selector '" + text + "' at position " + position + ": " + reason, "model");
  }

  /** How many blanks {@code s} starts with. */
  static int leadingBlanks(String s) {
    int n = 0;
    while (n < s.length() && Character.isWhitespace(s.charAt(n))) {
      n++;
    }
    return n;
  }
}
