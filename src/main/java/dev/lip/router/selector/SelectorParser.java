package dev.lip.router.selector;

import dev.lip.protocol.InvalidRequestException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Parses a leaf selector: {@code backend:model}, where the first {@code :} before any {@code /}
 * separates the backend ({@code openrouter:anthropic/claude-3-haiku:beta} is backend {@code openrouter}),
 * or a bare {@code model}; optionally followed by {@code ?temperature=…&top_p=…&max_tokens=…&reasoning_effort=…}.
 */
public final class SelectorParser {
  /** The parameters a selector may set. */
  public static final Set<String> PARAMETERS = Set.of("temperature", "top_p", "max_tokens", "reasoning_effort");

  private SelectorParser() {
  }

  /**
   * @param knownBackends the configured backend instance names; a prefix that is not one of them is
   *                      part of a bare model name only when it has no {@code :} at all
   * @throws InvalidRequestException naming the problem and its position
   */
  public static Leaf parse(String selector, Set<String> knownBackends) {
    String text = selector.trim();
    if (text.isEmpty()) {
      throw invalid(selector, 0, "the selector is empty");
    }
    int query = text.indexOf('?');
    String target = query < 0 ? text : text.substring(0, query);
    Map<String, String> parameters = query < 0 ? Map.of() : parameters(selector, text, query + 1);
    int slash = target.indexOf('/');
    int colon = target.indexOf(':');
    if (colon < 0 || (slash >= 0 && slash < colon)) {
      if (knownBackends.contains(target)) {
        return new Leaf(target, "", parameters);
      }
      return new Leaf(null, target, parameters);
    }
    String backend = target.substring(0, colon);
    String model = target.substring(colon + 1);
    if (backend.isEmpty()) {
      throw invalid(selector, 0, "the backend name before ':' is empty");
    }
    return new Leaf(backend, model, parameters);
  }

  private static Map<String, String> parameters(String selector, String text, int from) {
    Map<String, String> parameters = new LinkedHashMap<>();
    int position = from;
    for (String pair : text.substring(from).split("&", -1)) {
      int eq = pair.indexOf('=');
      if (eq <= 0 || eq == pair.length() - 1) {
        throw invalid(selector, position, "expected name=value but found '" + pair + "'");
      }
      String name = pair.substring(0, eq);
      if (!PARAMETERS.contains(name)) {
        throw invalid(selector, position, "unknown parameter '" + name + "' (known: "
            + String.join(", ", PARAMETERS.stream().sorted().toList()) + ")");
      }
      parameters.put(name, pair.substring(eq + 1));
      position += pair.length() + 1;
    }
    return parameters;
  }

  private static InvalidRequestException invalid(String selector, int position, String reason) {
    return new InvalidRequestException(
        "invalid model selector '" + selector + "' at position " + position + ": " + reason, "model");
  }
}
