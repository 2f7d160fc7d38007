package dev.lip.router.selector;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Parses the target of one branch: {@code backend:model}, where the first {@code :} before any
 * {@code /} separates the backend ({@code openrouter:anthropic/claude-3-haiku:beta} is backend
 * {@code openrouter}), a bare known backend, or a bare {@code model}; optionally followed by
 * {@code ?name=value&…} with the names of {@link SelectorParser#PARAMETERS}.
 */
final class LeafParser {
  private LeafParser() {
  }

  /**
   * @param text       the whole selector, for positions in errors
   * @param from       the first index of the target, not blank
   * @param to         the index just after its last character, not blank
   * @param maxContext the branch's context limit, or {@code null}
   */
  static Leaf parse(String text, int from, int to, Set<String> knownBackends, Integer maxContext) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c == '[' || c == ']') {
        throw SelectorError.at(text, i, "unexpected '" + c + "': attributes go in one [...] before the target");
      }
    }
    int query = text.indexOf('?', from);
    int targetEnd = query < 0 || query >= to ? to : query;
    String target = text.substring(from, targetEnd);
    if (target.isEmpty()) {
      throw SelectorError.at(text, from, "no backend or model before '?'");
    }
    Map<String, String> parameters = targetEnd == to ? Map.of() : parameters(text, targetEnd + 1, to);
    int slash = target.indexOf('/');
    int colon = target.indexOf(':');
    if (colon < 0 || (slash >= 0 && slash < colon)) {
      return knownBackends.contains(target)
          ? new Leaf(target, "", parameters, maxContext)
          : new Leaf(null, target, parameters, maxContext);
    }
    if (colon == 0) {
      throw SelectorError.at(text, from, "the backend name before ':' is empty");
    }
    if (colon == target.length() - 1) {
      throw SelectorError.at(text, from + colon + 1, "the model after ':' must not be empty");
    }
    return new Leaf(target.substring(0, colon), target.substring(colon + 1), parameters, maxContext);
  }

  private static Map<String, String> parameters(String text, int from, int to) {
    Map<String, String> parameters = new LinkedHashMap<>();
    int position = from;
    for (String pair : text.substring(from, to).split("&", -1)) {
      int eq = pair.indexOf('=');
      if (eq <= 0 || eq == pair.length() - 1) {
        throw SelectorError.at(text, position, "expected name=value but found '" + pair + "'");
      }
      String name = pair.substring(0, eq);
      if (!SelectorParser.PARAMETERS.contains(name)) {
        throw SelectorError.at(text, position, "unknown parameter '" + name + "' (known: "
            + String.join(", ", SelectorParser.PARAMETERS.stream().sorted().toList()) + ")");
      }
      if (parameters.put(name, pair.substring(eq + 1)) != null) {
        throw SelectorError.at(text, position, "parameter '" + name + "' is given twice");
      }
      position += pair.length() + 1;
    }
    return parameters;
  }
}
