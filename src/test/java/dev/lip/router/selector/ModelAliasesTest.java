package dev.lip.router.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lip.config.Alias;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.Test;

class ModelAliasesTest {
  private static final ModelAliases ALIASES = new ModelAliases(List.of(
      new Alias("^gpt-4$", "openai:gpt-4o|anthropic:claude-sonnet-4"),
      new Alias("gpt-4.*", "openai:gpt-4o-mini"),
      new Alias("fast-(?<family>[a-z]+)-(\\d+)", "[weight=3]openai:${family}-$2^[weight=1]openai.2:${family}-$2"),
      new Alias("local/(.*)", "mock:$1")));

  @Test
  void theFirstMatchWins() {
    assertThat(ALIASES.rewrite("gpt-4")).isEqualTo("openai:gpt-4o|anthropic:claude-sonnet-4");
    assertThat(ALIASES.rewrite("gpt-4-turbo")).isEqualTo("openai:gpt-4o-mini");
  }

  @Test
  void thePatternMustMatchTheWholeRequest() {
    assertThat(ALIASES.rewrite("my-gpt-4")).isEqualTo("my-gpt-4");
    assertThat(new ModelAliases(List.of(new Alias("gpt|gpt-4o", "x:$0"))).rewrite("gpt-4o")).isEqualTo("x:gpt-4o");
  }

  @Test
  void groupsAreSubstituted() {
    assertThat(ALIASES.rewrite("fast-llama-8")).isEqualTo("[weight=3]openai:llama-8^[weight=1]openai.2:llama-8");
    assertThat(ALIASES.rewrite("local/echo")).isEqualTo("mock:echo");
  }

  @Test
  void aCompositeReplacementParses() {
    Selector selector = SelectorParser.parseSelector(ALIASES.rewrite("gpt-4"), Set.of("openai", "anthropic"));
    assertThat(selector).isInstanceOf(Failover.class);
    assertThat(selector.branches()).hasSize(2);
  }

  @Test
  void noMatchReturnsTheSameInstanceAndAppliesOnce() {
    String requested = new String("claude-3");
    assertThat(ALIASES.rewrite(requested)).isSameAs(requested);
    assertThat(new ModelAliases(List.of()).rewrite(requested)).isSameAs(requested);
    ModelAliases chain = new ModelAliases(List.of(new Alias("a", "b"), new Alias("b", "c")));
    assertThat(chain.rewrite("a")).isEqualTo("b");
  }

  @Test
  void anInvalidPatternIsRefused() {
    assertThatThrownBy(() -> new ModelAliases(List.of(new Alias("gpt-(4", "x")))).isInstanceOf(PatternSyntaxException.class);
  }

  @Test
  void referenceProblemsNameTheMissingGroup() {
    Pattern pattern = Pattern.compile("fast-(?<family>[a-z]+)-(\\d+)");
    assertThat(ModelAliases.referenceProblem(pattern, "openai:${family}-$2")).isNull();
    assertThat(ModelAliases.referenceProblem(pattern, "openai:gpt-4o|mock")).isNull();
    assertThat(ModelAliases.referenceProblem(pattern, "openai:$3")).isEqualTo("No group 3");
    assertThat(ModelAliases.referenceProblem(pattern, "openai:${size}")).contains("No group with name {size}");
    assertThat(ModelAliases.referenceProblem(pattern, "openai:$")).contains("group index is missing");
  }
}
