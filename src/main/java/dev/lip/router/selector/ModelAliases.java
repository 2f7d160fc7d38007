package dev.lip.router.selector;

import dev.lip.config.Alias;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code model_aliases} rewrites, applied once to the model a client asks for before it is parsed as
 * a selector: the first alias whose pattern matches the whole requested text replaces it, with
 * {@code $1}-style group references expanded as {@link Matcher#replaceFirst(String)} does.
 */
public final class ModelAliases {
  private final List<Rule> rules;

  private record Rule(Pattern pattern, String replacement) {
  }

  /**
   * @param aliases in order of precedence
   * @throws java.util.regex.PatternSyntaxException when a pattern is not a valid regular expression
   */
  public ModelAliases(List<Alias> aliases) {
    this.rules = aliases.stream().map(a -> new Rule(Pattern.compile(a.pattern()), a.replacement())).toList();
  }

  /**
   * The selector text {@code requested} stands for: the first matching alias's replacement, or
   * {@code requested} itself (the same instance) when no alias matches. A replacement that refers to a
   * group its pattern lacks throws as {@link Matcher#appendReplacement(StringBuilder, String)} does; the
   * configuration is checked for that at startup with {@link #referenceProblem(Pattern, String)}.
   */
  public String rewrite(String requested) {
    for (Rule rule : rules) {
      Matcher m = rule.pattern().matcher(requested);
      if (m.matches()) {
        StringBuilder rewritten = new StringBuilder();
        m.appendReplacement(rewritten, rule.replacement());
        return rewritten.toString();
      }
    }
    return requested;
  }

  /**
   * Why {@code replacement} cannot be used with {@code pattern} (a group reference to a group that does
   * not exist, a dangling {@code $} or {@code \}), or {@code null} when it can.
   */
  public static String referenceProblem(Pattern pattern, String replacement) {
    // A matcher that has matched keeps its match when given another pattern, and then expands group
    // references against that pattern's groups (those that took part in no match expand to nothing).
    Matcher m = Pattern.compile("").matcher("");
    m.matches();
    m.usePattern(pattern);
    try {
      m.appendReplacement(new StringBuilder(), replacement);
      return null;
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      return e.getMessage();
    }
  }
}
