package dev.lip.router.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lip.protocol.InvalidRequestException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

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
}
