package dev.lip.router.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lip.protocol.InvalidRequestException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SelectorParserTest {
  private static final Set<String> BACKENDS = Set.of("openai", "openai.2", "openrouter", "mock");

  @Test
  void theFirstColonBeforeAnySlashSeparatesTheBackend() {
    assertThat(SelectorParser.parse("openrouter:anthropic/claude-3-haiku:beta", BACKENDS))
        .isEqualTo(new Leaf("openrouter", "anthropic/claude-3-haiku:beta", Map.of()));
    assertThat(SelectorParser.parse("openai.2:gpt-4o", BACKENDS))
        .isEqualTo(new Leaf("openai.2", "gpt-4o", Map.of()));
  }

  @Test
  void aColonAfterASlashBelongsToTheModel() {
    assertThat(SelectorParser.parse("meta/llama:8b", BACKENDS)).isEqualTo(new Leaf(null, "meta/llama:8b", Map.of()));
  }

  @Test
  void aBareModelHasNoBackendAndABareBackendHasNoModel() {
    assertThat(SelectorParser.parse("gpt-4o", BACKENDS)).isEqualTo(new Leaf(null, "gpt-4o", Map.of()));
    assertThat(SelectorParser.parse("mock", BACKENDS)).isEqualTo(new Leaf("mock", "", Map.of()));
  }

  @Test
  void uriParametersAreCollected() {
    Leaf leaf = SelectorParser.parse("openai:gpt-4o?temperature=0.2&max_tokens=10&reasoning_effort=high", BACKENDS);
    assertThat(leaf.parameters())
        .containsExactlyInAnyOrderEntriesOf(Map.of("temperature", "0.2", "max_tokens", "10", "reasoning_effort", "high"));
    assertThat(leaf.model()).isEqualTo("gpt-4o");
  }

  @Test
  void errorsNameTheProblemAndItsPosition() {
    assertThatThrownBy(() -> SelectorParser.parse("openai:gpt-4o?temperature=0.2&bogus=1", BACKENDS))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("position 30")
        .hasMessageContaining("unknown parameter 'bogus'");
    assertThatThrownBy(() -> SelectorParser.parse("openai:gpt-4o?temperature", BACKENDS))
        .hasMessageContaining("expected name=value");
    assertThatThrownBy(() -> SelectorParser.parse("  ", BACKENDS)).hasMessageContaining("empty");
    assertThatThrownBy(() -> SelectorParser.parse(":gpt-4o", BACKENDS)).hasMessageContaining("backend name");
  }

  // ------------------------------------------------------------------ composite selectors

  private static Leaf leaf(String backend, String model) {
    return new Leaf(backend, model, Map.of());
  }

  @Test
  void aFailoverListKeepsItsOrder() {
    Selector selector = SelectorParser.parseSelector("openai:gpt-4o|openrouter:anthropic/claude-3-haiku:beta|gpt-4o",
        BACKENDS);
    assertThat(selector).isEqualTo(new Failover(List.of(new Branch(leaf("openai", "gpt-4o"), 1),
        new Branch(leaf("openrouter", "anthropic/claude-3-haiku:beta"), 1), new Branch(leaf(null, "gpt-4o"), 1))));
  }

  @Test
  void aWeightedSelectorTakesWeightsAndDefaultsToOne() {
    Selector selector = SelectorParser.parseSelector("[weight=3]openai:gpt-4o^openai.2:gpt-4o^[weight=1]mock",
        BACKENDS);
    assertThat(selector).isInstanceOf(Weighted.class);
    assertThat(selector.branches()).extracting(Branch::weight).containsExactly(3, 1, 1);
    assertThat(selector.branches()).extracting(Branch::leaf)
        .containsExactly(leaf("openai", "gpt-4o"), leaf("openai.2", "gpt-4o"), leaf("mock", ""));
  }

  @Test
  void maxContextGoesOnAnyLeafAlongsideAWeight() {
    Selector weighted = SelectorParser.parseSelector("[weight=2,max_context=128000]openai:gpt-4o^[max_context=8000]mock",
        BACKENDS);
    assertThat(weighted.branches()).containsExactly(
        new Branch(new Leaf("openai", "gpt-4o", Map.of(), 128_000), 2),
        new Branch(new Leaf("mock", "", Map.of(), 8000), 1));
    assertThat(SelectorParser.parseSelector("[max_context=8000]gpt-4o|openai", BACKENDS).branches())
        .extracting(b -> b.leaf().maxContext()).containsExactly(8000, null);
    Leaf single = SelectorParser.parse("[max_context=4096]openai:gpt-4o?temperature=0", BACKENDS);
    assertThat(single).isEqualTo(new Leaf("openai", "gpt-4o", Map.of("temperature", "0"), 4096));
    assertThat(SelectorParser.parseSelector("[max_context=4096]openai:gpt-4o", BACKENDS)).isInstanceOf(Leaf.class);
  }

  @Test
  void blanksAroundBranchesAndInsideAttributesAreIgnored() {
    assertThat(SelectorParser.parseSelector(" [ weight = 2 , max_context=10 ] openai:gpt-4o ^ mock ", BACKENDS))
        .isEqualTo(new Weighted(List.of(new Branch(new Leaf("openai", "gpt-4o", Map.of(), 10), 2),
            new Branch(leaf("mock", ""), 1))));
  }

  @Test
  void aLeafIsItsOwnOnlyBranch() {
    Leaf leaf = SelectorParser.parse("openai:gpt-4o", BACKENDS);
    assertThat(leaf.branches()).containsExactly(new Branch(leaf, 1));
    assertThat(SelectorParser.parseSelector("openai:gpt-4o", BACKENDS)).isEqualTo(leaf);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "gpt-4o",
      "mock",
      "openai.2:gpt-4o",
      "openrouter:anthropic/claude-3-haiku:beta",
      "meta/llama:8b?top_p=0.9&temperature=0.2",
      "[max_context=8000]openai:gpt-4o?max_tokens=10&reasoning_effort=high",
      "openai:gpt-4o|[max_context=200000]openrouter:x/y|mock",
      "[weight=3]openai:gpt-4o^[weight=1,max_context=32000]openai.2:gpt-4o?temperature=1",
  })
  void textRoundTrips(String text) {
    Selector selector = SelectorParser.parseSelector(text, BACKENDS);
    assertThat(selector.text()).isEqualTo(text);
    assertThat(SelectorParser.parseSelector(selector.text(), BACKENDS)).isEqualTo(selector);
  }

  @Test
  void textIsCanonical() {
    assertThat(SelectorParser.parseSelector(" a ^ [max_context=5, weight=2]b ", BACKENDS).text())
        .isEqualTo("[weight=1]a^[weight=2,max_context=5]b");
    assertThat(SelectorParser.parseSelector("a | b", BACKENDS).text()).isEqualTo("a|b");
    assertThat(new Leaf("openai", "", Map.of()).text()).isEqualTo("openai");
  }

  // ------------------------------------------------------------------ errors and their positions

  @ParameterizedTest(name = "[{0}]")
  @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
      "a||b;2;an empty branch in a failover list",
      "a|;2;an empty branch in a failover list",
      "|a;0;an empty branch in a failover list",
      "a^ ^b;2;an empty branch in a weighted selector",
      "a|b^c;3;'^' after '|' (position 1): a selector uses one operator kind",
      "[weight=2]a^b|c;13;'|' after '^' (position 11)",
      "[colour=red]a;1;unknown attribute 'colour' (known: max_context, weight)",
      "[weight=0]a^b;8;weight must be a whole number from 1 to 2147483647, got '0'",
      "[weight=-1]a^b;8;weight must be a whole number from 1 to 2147483647, got '-1'",
      "[weight=1.5]a^b;8;got '1.5'",
      "[weight=]a^b;8;got ''",
      "a^[weight=2147483648]b;10;got '2147483648'",
      "[max_context=0]a;13;max_context must be a whole number from 1",
      "[weight=2]a;1;weight only applies to the branches of a weighted selector (a^b), not to a single target",
      "a|[weight=2]b;3;weight only applies to the branches of a weighted selector (a^b), not to a failover list",
      "[weight=2,weight=3]a^b;10;attribute 'weight' is given twice",
      "[max_context=1,max_context=1]a;15;attribute 'max_context' is given twice",
      "[weight=2 a^b;0;'[' is not closed by ']'",
      "a^[weight=2^b;2;'[' is not closed by ']'",
      "[]a;0;'[]' holds no attribute",
      "[weight]a^b;1;expected name=value but found 'weight'",
      "[weight=2]^b;10;no target after the attributes",
      "a[weight=2]^b;1;unexpected '[': attributes go in one [...] before the target",
      "[weight=1][max_context=5]a^b;10;unexpected '['",
      "a|openai:gpt-4o?bogus=1;16;unknown parameter 'bogus'",
      "a|openai:gpt-4o?temperature=1&temperature=2;30;parameter 'temperature' is given twice",
      "b| :gpt-4o;3;the backend name before ':' is empty",
      "openai:|b;7;the model after ':' must not be empty",
      "a|?temperature=1;2;no backend or model before '?'",
      "\"  \";0;the selector is empty",
  })
  void errorsNameTheProblemAndItsPositionInTheOriginalText(String text, int position, String reason) {
    assertThatThrownBy(() -> SelectorParser.parseSelector(text, BACKENDS))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.param()).isEqualTo("model"))
        .hasMessageStartingWith("invalid model selector '" + text + "' at position " + position + ": ")
        .hasMessageContaining(reason);
  }

  @Test
  void parseWantsASingleTarget() {
    assertThatThrownBy(() -> SelectorParser.parse("openai:gpt-4o|mock", BACKENDS))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("at position 13: a single target is expected here, but '|' makes a failover list");
    assertThatThrownBy(() -> SelectorParser.parse("[weight=2]a^b", BACKENDS))
        .hasMessageContaining("at position 11: a single target is expected here, but '^' makes a weighted selector");
    assertThatThrownBy(() -> SelectorParser.parse("[weight=2]a", BACKENDS))
        .hasMessageContaining("at position 1: weight only applies");
  }

  @Test
  void positionsCountLeadingBlanks() {
    assertThatThrownBy(() -> SelectorParser.parse("  openai:gpt-4o?bogus=1", BACKENDS))
        .hasMessageContaining("at position 16: unknown parameter 'bogus'");
  }

  @Test
  void compositeRecordsCheckTheirShape() {
    Branch one = new Branch(leaf("openai", "gpt-4o"), 1);
    assertThatThrownBy(() -> new Failover(List.of(one))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Weighted(List.of(one))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Failover(List.of(one, new Branch(leaf("mock", ""), 2))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Branch(leaf("mock", ""), 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Leaf("mock", "", Map.of(), 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
