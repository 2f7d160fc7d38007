package dev.lip.router.selector;

import java.util.Set;

/** Parses one branch of a selector, {@code [attributes]target}, from the text between two operators. */
final class BranchParser {
  private BranchParser() {
  }

  /**
   * A branch before its weight is checked against the kind of selector it is in.
   *
   * @param leaf       the target, with its context limit
   * @param attributes the attributes written before it
   */
  record Parsed(Leaf leaf, Attributes attributes) {
  }

  /**
   * @param text the whole selector, for positions in errors
   * @param from the first index of the branch
   * @param to   the index just after it; {@code text} holds something other than blanks in between
   */
  static Parsed parse(String text, int from, int to, Set<String> knownBackends) {
    int start = from + SelectorError.leadingBlanks(text.substring(from, to));
    int end = text.substring(0, to).stripTrailing().length();
    if (text.charAt(start) != '[') {
      return new Parsed(LeafParser.parse(text, start, end, knownBackends, null), Attributes.NONE);
    }
    int close = text.indexOf(']', start);
    if (close < 0 || close >= end) {
      throw SelectorError.at(text, start, "'[' is not closed by ']'");
    }
    Attributes attributes = Attributes.parse(text, start + 1, close);
    int leafStart = close + 1 + SelectorError.leadingBlanks(text.substring(close + 1, end));
    if (leafStart >= end) {
      throw SelectorError.at(text, close + 1, "no target after the attributes");
    }
    return new Parsed(LeafParser.parse(text, leafStart, end, knownBackends, attributes.maxContext()), attributes);
  }
}
