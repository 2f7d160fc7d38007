package dev.lip.router.selector;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bracketed attributes before a target: {@code [weight=N]}, {@code [max_context=N]} or both,
 * comma-separated.
 *
 * @param weight     the branch weight, or {@code null} when not given
 * @param weightAt   where {@code weight} was written in the selector text, or -1
 * @param maxContext the context limit, or {@code null} when not given
 */
record Attributes(Integer weight, int weightAt, Integer maxContext) {
  /** No attributes. */
  static final Attributes NONE = new Attributes(null, -1, null);

  private static final String WEIGHT = "weight";
  private static final String MAX_CONTEXT = "max_context";
  private static final String KNOWN = MAX_CONTEXT + ", " + WEIGHT;
  /** 1 or more, leading zeros allowed; at most ten significant digits (the range is checked after). */
  private static final Pattern POSITIVE = Pattern.compile("0*([1-9][0-9]{0,9})");

  /**
   * Parses the attributes between {@code [} and {@code ]}.
   *
   * @param text the whole selector, for positions in errors
   * @param from the index just after {@code [}
   * @param to   the index of {@code ]}
   */
  static Attributes parse(String text, int from, int to) {
    if (text.substring(from, to).isBlank()) {
      throw SelectorError.at(text, from - 1, "'[]' holds no attribute (known: " + KNOWN + ")");
    }
    Integer weight = null;
    int weightAt = -1;
    Integer maxContext = null;
    int position = from;
    for (String item : text.substring(from, to).split(",", -1)) {
      int at = position + SelectorError.leadingBlanks(item);
      String written = item.strip();
      int eq = written.indexOf('=');
      if (eq <= 0) {
        throw SelectorError.at(text, at, "expected name=value but found '" + written + "'");
      }
      String name = written.substring(0, eq).strip();
      String raw = written.substring(eq + 1);
      int valueAt = at + eq + 1 + SelectorError.leadingBlanks(raw);
      if (name.equals(WEIGHT)) {
        if (weight != null) {
          throw SelectorError.at(text, at, "attribute 'weight' is given twice");
        }
        weight = positive(text, valueAt, name, raw.strip());
        weightAt = at;
      } else if (name.equals(MAX_CONTEXT)) {
        if (maxContext != null) {
          throw SelectorError.at(text, at, "attribute 'max_context' is given twice");
        }
        maxContext = positive(text, valueAt, name, raw.strip());
      } else {
        throw SelectorError.at(text, at, "unknown attribute '" + name + "' (known: " + KNOWN + ")");
      }
      position += item.length() + 1;
    }
    return new Attributes(weight, weightAt, maxContext);
  }

  /** {@code [weight=N,max_context=M]} with the parts that are not {@code null}; empty when both are. */
  static String text(Integer weight, Integer maxContext) {
    if (weight == null && maxContext == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder("[");
    if (weight != null) {
      sb.append(WEIGHT).append('=').append(weight);
    }
    if (maxContext != null) {
      sb.append(weight != null ? "," : "").append(MAX_CONTEXT).append('=').append(maxContext);
    }
    return sb.append(']').toString();
  }

  private static int positive(String text, int at, String name, String value) {
    Matcher m = POSITIVE.matcher(value);
    if (!m.matches() || Long.parseLong(m.group(1)) > Integer.MAX_VALUE) {
      throw SelectorError.at(text, at, name + " must be a whole number from 1 to " + Integer.MAX_VALUE
          + ", got '" + value + "'");
    }
    return Integer.parseInt(m.group(1));
  }
}
