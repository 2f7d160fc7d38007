package dev.lip.router.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Finds in-chat commands: a prefix, a known name and optional parenthesised {@link Arguments}, such as
 * {@code !/backend(openai)} or {@code !/max}.
 *
 * <p>Only commands that end the last non-blank line count: that line's tail, trailing whitespace aside,
 * must be one or more commands separated by whitespace, the first one at the start of the line or after
 * whitespace. A command quoted earlier in the text is left alone. Immutable and thread-safe.
 */
public final class CommandParser {
  private final Set<String> knownNames;

  /**
   * @param knownNames the command names, such as {@code backend}, {@code no-think} or
   *                   {@code create-failover-route}; matched case-insensitively
   */
  public CommandParser(Set<String> knownNames) {
    List<String> lowerCase = new ArrayList<>(knownNames.size());
    for (String name : knownNames) {
      lowerCase.add(name.toLowerCase(Locale.ROOT));
    }
    this.knownNames = Set.copyOf(lowerCase);
  }

  /**
   * Finds the commands that end the last non-blank line of text.
   *
   * @param text   the text to scan
   * @param prefix the command prefix, such as {@code !/}
   * @return the commands in order and the text without them; when there are none, {@code text} itself
   */
  public LineScan scan(String text, String prefix) {
    if (prefix.isEmpty()) {
      throw new IllegalArgumentException("the command prefix is empty");
    }
    int end = text.length();
    while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    int lineStart = text.lastIndexOf('\n', end - 1) + 1;
    int at = text.indexOf(prefix, lineStart);
    if (at < 0 || at + prefix.length() > end) {
      return new LineScan(text, List.of());
    }
    List<CommandInvocation> commands = new ArrayList<>(2);
    for (; at >= 0 && at + prefix.length() <= end; at = text.indexOf(prefix, at + 1)) {
      if (at > lineStart && !Character.isWhitespace(text.charAt(at - 1))) {
        continue;
      }
      commands.clear();
      if (readToEnd(text, at, end, prefix, commands)) {
        return new LineScan(remove(text, lineStart, at, end), commands);
      }
    }
    return new LineScan(text, List.of());
  }

  /** Reads whitespace-separated commands from {@code at} into {@code into}; whether they reach {@code end}. */
  private boolean readToEnd(String text, int at, int end, String prefix, List<CommandInvocation> into) {
    int position = at;
    while (true) {
      CommandInvocation command = read(text, position, end, prefix);
      if (command == null) {
        return false;
      }
      into.add(command);
      int after = position + command.text().length();
      if (after == end) {
        return true;
      }
      position = after;
      while (Character.isWhitespace(text.charAt(position))) {
        position++;
      }
      if (position == after || !text.startsWith(prefix, position)) {
        return false;
      }
    }
  }

  /** The command at {@code at}, or {@code null} when there is none. */
  private CommandInvocation read(String text, int at, int end, String prefix) {
    int nameStart = at + prefix.length();
    int nameEnd = nameStart;
    if (nameEnd < end && isAsciiLetter(text.charAt(nameEnd))) {
      do {
        nameEnd++;
      } while (nameEnd < end && isNameChar(text.charAt(nameEnd)));
    }
    if (nameEnd == nameStart) {
      return null;
    }
    String name = text.substring(nameStart, nameEnd).toLowerCase(Locale.ROOT);
    if (!knownNames.contains(name)) {
      return null;
    }
    if (nameEnd == end || Character.isWhitespace(text.charAt(nameEnd))) {
      return new CommandInvocation(name, Arguments.NONE, text.substring(at, nameEnd));
    }
    if (text.charAt(nameEnd) != '(') {
      return null;
    }
    int close = ArgumentSyntax.closingParenthesis(text, nameEnd, end);
    if (close < 0) {
      return null;
    }
    return new CommandInvocation(
        name, Arguments.parse(text.substring(nameEnd + 1, close)), text.substring(at, close + 1));
  }

  /**
   * The text without the commands in {@code [from, end)} and the whitespace before them; a line left
   * blank goes with its preceding line break.
   */
  private static String remove(String text, int lineStart, int from, int end) {
    int cut = from;
    while (cut > lineStart && Character.isWhitespace(text.charAt(cut - 1))) {
      cut--;
    }
    if (cut > lineStart) {
      return text.substring(0, cut) + text.substring(end);
    }
    int lineEnd = text.indexOf('\n', end);
    if (lineEnd < 0) {
      lineEnd = text.length();
    } else if (text.charAt(lineEnd - 1) == '\r') {
      lineEnd--;
    }
    int breakStart = lineStart;
    if (breakStart > 0) {
      breakStart--;
      if (breakStart > 0 && text.charAt(breakStart - 1) == '\r') {
        breakStart--;
      }
    }
    return text.substring(0, breakStart) + text.substring(lineEnd);
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isNameChar(char c) {
    return isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_' || c == '-';
  }

  /**
   * What {@link #scan} found.
   *
   * @param remaining the text without the commands; {@code text} itself when none were found, possibly
   *                  blank when the text held nothing but commands
   * @param commands  the commands, in the order they were typed
   */
  public record LineScan(String remaining, List<CommandInvocation> commands) {
    public LineScan {
      Objects.requireNonNull(remaining, "remaining");
      commands = List.copyOf(commands);
    }

    /** Whether any command was found. */
    public boolean found() {
      return !commands.isEmpty();
    }
  }
}
