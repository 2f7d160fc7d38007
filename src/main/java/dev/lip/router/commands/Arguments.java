package dev.lip.router.commands;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The arguments inside a command's parentheses.
 *
 * <p>The text inside the parentheses is split on the commas that are outside brackets and quotes. A
 * piece of the form {@code key=value}, where the text before the first {@code =} is a key
 * ({@code [A-Za-z_][A-Za-z0-9_.-]*}), is named; any other piece is positional, so selectors such as
 * {@code openai:gpt-4o?temperature=0.2} stay positional. Values are stripped of surrounding whitespace,
 * and unquoted when a single quoted string makes up the whole value.
 *
 * @param positional    the positional values, in order
 * @param named         the named values by lower-cased key, in order of first appearance; a repeated
 *                      key keeps its last value
 * @param raw           the text between the outer parentheses, stripped of surrounding whitespace;
 *                      empty for {@code ()} and without parentheses
 * @param parenthesized whether the command had parentheses, which tells {@code !/model()} from
 *                      {@code !/model}
 */
public record Arguments(List<String> positional, Map<String, String> named, String raw, boolean parenthesized) {

  /** The arguments of a command written without parentheses. */
  public static final Arguments NONE = new Arguments(List.of(), Map.of(), "", false);

  public Arguments {
    positional = List.copyOf(positional);
    named = Collections.unmodifiableMap(new LinkedHashMap<>(named));
    Objects.requireNonNull(raw, "raw");
  }

  /** Parses the text between a command's parentheses, which {@link ArgumentSyntax} found balanced. */
  static Arguments parse(String inside) {
    String raw = inside.strip();
    List<String> positional = new ArrayList<>();
    Map<String, String> named = new LinkedHashMap<>();
    for (String piece : ArgumentSyntax.splitOnCommas(raw)) {
      String trimmed = piece.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      int eq = trimmed.indexOf('=');
      String key = eq < 0 ? "" : trimmed.substring(0, eq).stripTrailing();
      if (isKey(key)) {
        named.put(key.toLowerCase(Locale.ROOT), ArgumentSyntax.unquote(trimmed.substring(eq + 1).strip()));
      } else {
        positional.add(ArgumentSyntax.unquote(trimmed));
      }
    }
    return new Arguments(positional, named, raw, true);
  }

  private static boolean isKey(String key) {
    if (key.isEmpty() || !(isAsciiLetter(key.charAt(0)) || key.charAt(0) == '_')) {
      return false;
    }
    for (int i = 1; i < key.length(); i++) {
      char c = key.charAt(i);
      if (!(isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
