package dev.lip.router.selector;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Parses the selector grammar shared by the request {@code model}, the default backend, the static
 * route, aliases and in-chat route commands:
 * <pre>
 * selector   = branch *( "|" branch )          ; failover, tried in order
 *            / branch *( "^" branch )          ; weighted, one pick per request
 * branch     = [ "[" attribute *( "," attribute ) "]" ] leaf
 * attribute  = "weight=" positive              ; weighted selectors only, default 1
 *            / "max_context=" positive         ; skip the branch for a larger request context
 * leaf       = ( backend ":" model / backend / model ) [ "?" name "=" value *( "&amp;" name "=" value ) ]
 * </pre>
 * The first {@code :} before any {@code /} separates the backend ({@code openrouter:anthropic/claude-3-haiku:beta}
 * is backend {@code openrouter}); a bare name is a backend when it is a known one, else a model. One
 * operator kind per selector, no nesting; blanks around branches are ignored. Parameter names are those
 * of {@link #PARAMETERS}.
 *
 * <p>Every error is an {@link dev.lip.protocol.InvalidRequestException} on param {@code model} whose
 * message names the problem and its 0-based position in the text as given.
 */
public final class SelectorParser {
  /** The parameters a selector may set. */
  public static final Set<String> PARAMETERS = Set.of("temperature", "top_p", "max_tokens", "reasoning_effort");

  private static final char FAILOVER = '|';
  private static final char WEIGHTED = '^';

  private SelectorParser() {
  }

  /**
   * Parses any selector: a {@link Leaf}, a {@link Failover} or a {@link Weighted}.
   *
   * @param knownBackends the configured backend instance names, which a bare name is checked against
   * @throws dev.lip.protocol.InvalidRequestException naming the problem and its position
   */
  public static Selector parseSelector(String text, Set<String> knownBackends) {
    Objects.requireNonNull(text, "text");
    int first = firstOperator(text);
    if (first < 0) {
      return single(text, knownBackends);
    }
    char operator = text.charAt(first);
    String kind = operator == FAILOVER ? "a failover list" : "a weighted selector";
    List<Branch> branches = new ArrayList<>();
    int from = 0;
    for (int i = first; i <= text.length(); i++) {
      char c = i < text.length() ? text.charAt(i) : operator;
      if (c == FAILOVER || c == WEIGHTED) {
        if (c != operator) {
          throw SelectorError.at(text, i, "'" + c + "' after '" + operator + "' (position " + first
              + "): a selector uses one operator kind, '|' for failover or '^' for a weighted pick");
        }
        branches.add(branch(text, from, i, knownBackends, operator, kind));
        from = i + 1;
      }
    }
    return operator == FAILOVER ? new Failover(branches) : new Weighted(branches);
  }

  /**
   * Parses a selector that must be a single target, which may carry {@code [max_context=N]}.
   *
   * @param knownBackends the configured backend instance names, which a bare name is checked against
   * @throws dev.lip.protocol.InvalidRequestException naming the problem and its position, also when the
   *     text holds {@code |} or {@code ^}
   */
  public static Leaf parse(String selector, Set<String> knownBackends) {
    Objects.requireNonNull(selector, "selector");
    int first = firstOperator(selector);
    if (first >= 0) {
      throw SelectorError.at(selector, first, "a single target is expected here, but '" + selector.charAt(first)
          + "' makes " + (selector.charAt(first) == FAILOVER ? "a failover list" : "a weighted selector"));
    }
    return single(selector, knownBackends);
  }

  private static Leaf single(String text, Set<String> knownBackends) {
    if (text.isBlank()) {
      throw SelectorError.at(text, 0, "the selector is empty");
    }
    BranchParser.Parsed parsed = BranchParser.parse(text, 0, text.length(), knownBackends);
    rejectWeight(text, parsed, "a single target");
    return parsed.leaf();
  }

  private static Branch branch(String text, int from, int to, Set<String> knownBackends, char operator,
      String kind) {
    if (text.substring(from, to).isBlank()) {
      throw SelectorError.at(text, from, "an empty branch in " + kind);
    }
    BranchParser.Parsed parsed = BranchParser.parse(text, from, to, knownBackends);
    if (operator == FAILOVER) {
      rejectWeight(text, parsed, kind);
      return new Branch(parsed.leaf(), 1);
    }
    Integer weight = parsed.attributes().weight();
    return new Branch(parsed.leaf(), weight == null ? 1 : weight);
  }

  private static void rejectWeight(String text, BranchParser.Parsed parsed, String kind) {
    if (parsed.attributes().weight() != null) {
      throw SelectorError.at(text, parsed.attributes().weightAt(),
          "weight only applies to the branches of a weighted selector (a^b), not to " + kind);
    }
  }

  private static int firstOperator(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == FAILOVER || text.charAt(i) == WEIGHTED) {
        return i;
      }
    }
    return -1;
  }
}
