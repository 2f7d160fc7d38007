package dev.lip.protocol.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lip.model.ChatResponse;
import dev.lip.model.Part;
import dev.lip.model.StopReason;
import dev.lip.model.Usage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Canonical input tokens count the whole prompt; Anthropic's {@code input_tokens} only the uncached rest. */
class UsageNormalisationTest {
  private static final AnthropicDialect DIALECT = new AnthropicDialect();

  /** Via text, so that numbers get the node types a parsed expectation has. */
  private static JsonNode encode(ChatResponse response) {
    return Golden.parse(DIALECT.encodeResponse(response).toString());
  }

  private static ChatResponse answer(Usage usage, List<Part> content, StopReason reason) {
    return new ChatResponse("id", "b", "m", content, reason, usage);
  }

  @Test
  void decodingAddsCacheReadsAndWritesToTheInput() {
    ChatResponse r = DIALECT.decodeResponse(Golden.parse("{\"usage\":{\"input_tokens\":7,"
        + "\"cache_read_input_tokens\":100,\"cache_creation_input_tokens\":20,\"output_tokens\":3}}"));
    assertThat(r.usage()).isEqualTo(new Usage(127, 3, 100, 20, 0));
  }

  @Test
  void encodingSubtractsThemAgainAndNeverGoesNegative() {
    assertThat(encode(answer(new Usage(1200, 57, 1024, 0, 41), List.of(), StopReason.END_TURN))
        .get("usage")).isEqualTo(Golden.parse("{\"input_tokens\":176,\"cache_creation_input_tokens\":0,"
            + "\"cache_read_input_tokens\":1024,\"output_tokens\":57}"));
    assertThat(encode(answer(new Usage(10, 1, 50, 0, 0), List.of(), StopReason.END_TURN))
        .at("/usage/input_tokens").longValue()).isZero();
  }

  @Test
  void foreignAnswersGetTheDocumentedShape() {
    ChatResponse foreign = answer(Usage.ZERO, List.of(new Part.Thinking("hmm", null, null), Part.Text.of(""),
        new Part.ToolCall("call_1", "f", "{broken", null)), StopReason.END_TURN);
    assertThat(encode(foreign)).isEqualTo(Golden.parse("{\"id\":\"id\",\"type\":\"message\","
        + "\"role\":\"assistant\",\"model\":\"m\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"hmm\","
        + "\"signature\":\"\"},{\"type\":\"tool_use\",\"id\":\"call_1\",\"name\":\"f\",\"input\":{}}],"
        + "\"stop_reason\":\"tool_use\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":0,"
        + "\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"output_tokens\":0}}"));
    assertThat(encode(answer(Usage.ZERO, List.of(), StopReason.CONTENT_FILTER))
        .get("stop_reason").textValue()).isEqualTo("refusal");
  }

  @Test
  void garbageBodiesDecodeToAnEmptyAnswer() {
    ChatResponse r = DIALECT.decodeResponse(Golden.parse("{\"content\":[{\"type\":\"document\"},{},"
        + "{\"type\":\"tool_use\",\"id\":\"t\"}],\"usage\":5}"));
    assertThat(r).isEqualTo(new ChatResponse("", null, "", List.of(), StopReason.END_TURN, Usage.ZERO));
  }
}
