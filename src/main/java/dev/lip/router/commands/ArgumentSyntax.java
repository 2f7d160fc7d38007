package dev.lip.router.commands;

import java.util.ArrayList;
import java.util.List;

/**
 * The lexical rules of command arguments: {@code ()}, {@code []} and {@code {}} nest, and single- or
 * double-quoted strings may hold anything, with a backslash escaping the quote character and itself.
 *
 * <p>A quote opens a string only where a value may begin: first in the arguments, or after whitespace,
 * an opening bracket, {@code ,} or {@code =}. Elsewhere it is an ordinary character, so that an
 * apostrophe inside a word ({@code !/help(what's new)}) does not swallow the rest of the line.
 */
final class ArgumentSyntax {

  private ArgumentSyntax() {
  }

  /**
   * The index of the {@code )} that closes the {@code (} at {@code open}, looking no further than
   * {@code end}; -1 when the brackets do not balance or a quoted string is not closed.
   */
  static int closingParenthesis(String text, int open, int end) {
    StringBuilder expected = new StringBuilder().append(')');
    for (int i = open + 1; i < end; i++) {
      char c = text.charAt(i);
      if (opensQuote(text, i)) {
        i = closingQuote(text, i, end);
        if (i < 0) {
          return -1;
        }
      } else if (c == '(' || c == '[' || c == '{') {
        expected.append(closer(c));
      } else if (c == ')' || c == ']' || c == '}') {
        int top = expected.length() - 1;
        if (expected.charAt(top) != c) {
          return -1;
        }
        expected.setLength(top);
        if (top == 0) {
          return i;
        }
      }
    }
    return -1;
  }

  /** Splits balanced argument text on the commas outside brackets and quoted strings. */
  static List<String> splitOnCommas(String arguments) {
    List<String> pieces = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < arguments.length(); i++) {
      char c = arguments.charAt(i);
      if (opensQuote(arguments, i)) {
        i = closingQuote(arguments, i, arguments.length());
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
      } else if (c == ',' && depth == 0) {
        pieces.add(arguments.substring(start, i));
        start = i + 1;
      }
    }
    pieces.add(arguments.substring(start));
    return pieces;
  }

  /** The value without its quotes and escapes when one quoted string makes up all of it; else the value. */
  static String unquote(String value) {
    if (value.length() < 2 || !isQuote(value.charAt(0))
        || closingQuote(value, 0, value.length()) != value.length() - 1) {
      return value;
    }
    char quote = value.charAt(0);
    StringBuilder sb = new StringBuilder(value.length() - 2);
    for (int i = 1; i < value.length() - 1; i++) {
      char c = value.charAt(i);
      if (isEscape(value, i, value.length() - 1, quote)) {
        c = value.charAt(++i);
      }
      sb.append(c);
    }
    return sb.toString();
  }

  private static boolean opensQuote(String text, int i) {
    if (!isQuote(text.charAt(i))) {
      return false;
    }
    if (i == 0) {
      return true;
    }
    char before = text.charAt(i - 1);
    return Character.isWhitespace(before) || before == '(' || before == '[' || before == '{' || before == ','
        || before == '=';
  }

  /** The index of the quote that closes the string opened at {@code open}, or -1 before {@code end}. */
  private static int closingQuote(String text, int open, int end) {
    char quote = text.charAt(open);
    for (int i = open + 1; i < end; i++) {
      if (isEscape(text, i, end, quote)) {
        i++;
      } else if (text.charAt(i) == quote) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isEscape(String text, int i, int end, char quote) {
    if (text.charAt(i) != '\\' || i + 1 >= end) {
      return false;
    }
    char next = text.charAt(i + 1);
    return next == quote || next == '\\';
  }

  private static boolean isQuote(char c) {
    return c == '"' || c == '\'';
  }

  private static char closer(char opener) {
    return opener == '(' ? ')' : opener == '[' ? ']' : '}';
  }
}
