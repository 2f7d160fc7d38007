package dev.lip.protocol.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lip.model.ChatEvent;
import dev.lip.model.ChatRequest;
import dev.lip.model.ProxyError;
import dev.lip.model.StopReason;
import dev.lip.model.Usage;
import dev.lip.protocol.StreamEncoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessagesStreamEncoderTest {
  private final StreamEncoder encoder =
      new AnthropicDialect().newStreamEncoder(ChatRequest.simple("claude-x", "hi", true), 0L);

  private List<JsonNode> frames(ChatEvent... events) {
    StringBuilder sse = new StringBuilder();
    for (ChatEvent e : events) {
      sse.append(encoder.encode(e));
    }
    return Golden.sseFrames(sse.toString());
  }

  private List<JsonNode> frames(List<ChatEvent> events) {
    return frames(events.toArray(new ChatEvent[0]));
  }

  /**
   * Checks the Anthropic block grammar: message_start first; blocks with indices 0, 1, 2, … each
   * started, fed and stopped before the next starts; message_delta then message_stop last. Returns the
   * content blocks as the client SDK would assemble them ({@code tool_use} input as the joined JSON text).
   */
  static List<String> assertValidBlockSequence(List<JsonNode> frames) {
    assertThat(frames.get(0).get("event").asText()).isEqualTo("message_start");
    assertThat(frames.get(frames.size() - 2).get("event").asText()).isEqualTo("message_delta");
    assertThat(frames.get(frames.size() - 1).get("event").asText()).isEqualTo("message_stop");
    List<String> blocks = new ArrayList<>();
    Integer open = null;
    StringBuilder current = null;
    for (JsonNode frame : frames.subList(1, frames.size() - 2)) {
      JsonNode data = frame.get("data");
      switch (frame.get("event").asText()) {
        case "content_block_start":
          assertThat(open).as("a block is still open at %s", data).isNull();
          assertThat(data.get("index").asInt()).isEqualTo(blocks.size());
          open = data.get("index").asInt();
          JsonNode block = data.get("content_block");
          current = new StringBuilder(block.get("type").asText()).append(':');
          if (block.has("id")) {
            current.append(block.get("id").asText()).append(':');
          }
          break;
        case "content_block_delta":
          assertThat(data.get("index").asInt()).isEqualTo(open);
          JsonNode delta = data.get("delta");
          String type = delta.get("type").asText();
          current.append(delta.get(type.equals("input_json_delta") ? "partial_json"
              : type.equals("text_delta") ? "text" : type.equals("thinking_delta") ? "thinking" : "signature")
              .asText());
          break;
        case "content_block_stop":
          assertThat(data.get("index").asInt()).isEqualTo(open);
          blocks.add(current.toString());
          open = null;
          break;
        default:
          throw new AssertionError("unexpected frame " + frame);
      }
    }
    assertThat(open).as("a block was never stopped").isNull();
    return blocks;
  }

  @Test
  void interleavedParallelToolCallsFromAnOpenAiUpstreamBecomeSequentialBlocks() {
    List<ChatEvent> events = new ArrayList<>();
    events.add(GoldenStreamTest.STARTED);
    events.addAll(Golden.events(Golden.read("openai-chat", "stream-parallel-tools.events.jsonl")));
    List<JsonNode> frames = frames(events);
    assertThat(assertValidBlockSequence(frames)).containsExactly(
        "tool_use:call_Paris01:{\"city\": \"Paris\"}",
        "tool_use:call_Tokyo02:{\"tz\":\"Asia/Tokyo\"}");
    assertThat(frames.get(frames.size() - 2).at("/data/delta/stop_reason").asText()).isEqualTo("tool_use");
    assertThat(frames.get(frames.size() - 2).at("/data/usage")).isEqualTo(Golden.parse(
        "{\"input_tokens\":82,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"output_tokens\":41}"));
  }

  @Test
  void callsStillOpenAtTheEndAreFlushedInOrderWithTextHeldBackBehindThem() {
    List<JsonNode> frames = frames(GoldenStreamTest.STARTED,
        new ChatEvent.TextDelta("a"),
        new ChatEvent.ToolCallStarted(0, "c0", "f"),
        new ChatEvent.ToolCallStarted(1, "c1", "g"),
        new ChatEvent.ToolCallDelta(1, "{\"y\""),
        new ChatEvent.ToolCallDelta(0, "{\"x\""),
        new ChatEvent.TextDelta("b"),
        new ChatEvent.ToolCallStarted(2, "c2", "h"),
        new ChatEvent.ToolCallDelta(1, ":2}"),
        new ChatEvent.ToolCallDelta(2, "{}"),
        new ChatEvent.ToolCallDelta(0, ":1}"),
        new ChatEvent.Finished(StopReason.END_TURN));
    assertThat(assertValidBlockSequence(frames)).containsExactly(
        "text:a", "tool_use:c0:{\"x\":1}", "tool_use:c1:{\"y\":2}", "text:b", "tool_use:c2:{}");
    assertThat(frames.get(frames.size() - 2).at("/data/delta/stop_reason").asText()).isEqualTo("tool_use");
  }

  @Test
  void aCallDoneOutOfOrderIsEmittedWhenItsTurnComes() {
    List<JsonNode> frames = frames(GoldenStreamTest.STARTED,
        new ChatEvent.ToolCallStarted(0, "c0", "f"),
        new ChatEvent.ToolCallStarted(1, "c1", "g"),
        new ChatEvent.ToolCallDelta(1, "{\"b\":1}"),
        new ChatEvent.ToolCallDone(1),
        new ChatEvent.ToolCallDelta(0, "{\"a\":1}"),
        new ChatEvent.ToolCallDone(0),
        new ChatEvent.TextDelta("after"),
        new ChatEvent.Finished(StopReason.TOOL_USE));
    assertThat(assertValidBlockSequence(frames)).containsExactly(
        "tool_use:c0:{\"a\":1}", "tool_use:c1:{\"b\":1}", "text:after");
  }

  @Test
  void signedThinkingIsSealedAndMoreThinkingOpensANewBlock() {
    List<JsonNode> frames = frames(GoldenStreamTest.STARTED,
        new ChatEvent.ThinkingDelta("one", null), new ChatEvent.ThinkingDelta("", "sig1"),
        new ChatEvent.ThinkingDelta("two", "sig2"), new ChatEvent.ThinkingDelta("", null),
        new ChatEvent.TextDelta(""), new ChatEvent.TextDelta("answer"),
        new ChatEvent.Finished(StopReason.END_TURN));
    assertThat(assertValidBlockSequence(frames)).containsExactly(
        "thinking:onesig1", "thinking:twosig2", "text:answer");
    assertThat(frames.get(1).at("/data/content_block"))
        .isEqualTo(Golden.parse("{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}"));
    assertThat(frames.get(frames.size() - 2).at("/data/delta/stop_reason").asText()).isEqualTo("end_turn");
  }

  @Test
  void withoutStartedTheMessageGetsAMadeUpIdAndTheRequestModel() {
    List<JsonNode> frames = frames(new ChatEvent.UsageReport(new Usage(100, 0, 60, 10, 0)),
        new ChatEvent.TextDelta("x"));
    JsonNode message = frames.get(0).at("/data/message");
    assertThat(message.get("id").asText()).matches("msg_[0-9a-f]{32}");
    assertThat(message.get("model").asText()).isEqualTo("claude-x");
    assertThat(message.get("usage")).isEqualTo(Golden.parse("{\"input_tokens\":30,\"cache_creation_input_tokens\":10,"
        + "\"cache_read_input_tokens\":60,\"output_tokens\":0}"));
  }

  @Test
  void anEmptyAnswerStillHasMessageStartDeltaAndStop() {
    List<JsonNode> frames = frames(new ChatEvent.Finished(StopReason.MAX_TOKENS));
    assertThat(assertValidBlockSequence(frames)).isEmpty();
    assertThat(frames.get(1).at("/data/delta/stop_reason").asText()).isEqualTo("max_tokens");
  }

  @Test
  void failureIsTheErrorEventAloneAndNothingFollows() {
    encoder.encode(GoldenStreamTest.STARTED);
    encoder.encode(new ChatEvent.ToolCallStarted(0, "c0", "f"));
    String sse = encoder.encode(new ChatEvent.Failed(new ProxyError(ProxyError.Kind.RATE_LIMITED, 429, "slow down",
        true, 3L, null)));
    assertThat(sse).isEqualTo("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\","
        + "\"message\":\"slow down\"}}\n\n");
    assertThat(encoder.encode(new ChatEvent.TextDelta("late"))).isEmpty();
    assertThat(encoder.encode(new ChatEvent.Finished(StopReason.END_TURN))).isEmpty();
  }

  @Test
  void duplicateStartsAndStrayEventsAreIgnored() {
    List<JsonNode> frames = frames(GoldenStreamTest.STARTED, new ChatEvent.Started("other", "b", "m"),
        new ChatEvent.ToolCallDelta(7, "{}"), new ChatEvent.ToolCallDone(7),
        new ChatEvent.ToolCallStarted(0, "c0", "f"), new ChatEvent.ToolCallStarted(0, "c0", "f"),
        new ChatEvent.ToolCallDelta(0, ""), new ChatEvent.ToolCallDone(0), new ChatEvent.ToolCallDelta(0, "late"),
        new ChatEvent.Finished(StopReason.TOOL_USE));
    assertThat(assertValidBlockSequence(frames)).containsExactly("tool_use:c0:");
    assertThat(frames.get(0).at("/data/message/id").asText()).isEqualTo("msg_proxy_1");
  }

  @Test
  void frameTextIsExact() {
    String sse = encoder.encode(GoldenStreamTest.STARTED) + encoder.encode(new ChatEvent.TextDelta("a\n\"b\""));
    assertThat(sse).isEqualTo("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_proxy_1\","
        + "\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"claude-sonnet-4-5\","
        + "\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":0,\"cache_creation_input_tokens\":0,"
        + "\"cache_read_input_tokens\":0,\"output_tokens\":0}}}\n\n"
        + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
        + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
        + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
        + "\"delta\":{\"type\":\"text_delta\",\"text\":\"a\\n\\\"b\\\"\"}}\n\n");
  }

  /** Every call's arguments survive, whatever the interleaving. */
  @Test
  void manyInterleavedCallsKeepTheirArguments() {
    List<ChatEvent> events = new ArrayList<>();
    events.add(GoldenStreamTest.STARTED);
    Map<Integer, StringBuilder> expected = new LinkedHashMap<>();
    for (int i = 0; i < 5; i++) {
      events.add(new ChatEvent.ToolCallStarted(i, "c" + i, "f"));
      expected.put(i, new StringBuilder());
    }
    for (int round = 0; round < 4; round++) {
      for (int i = 4; i >= 0; i--) {
        String fragment = "[" + i + "." + round + "]";
        events.add(new ChatEvent.ToolCallDelta(i, fragment));
        expected.get(i).append(fragment);
      }
    }
    for (int i = 0; i < 5; i++) {
      events.add(new ChatEvent.ToolCallDone(i));
    }
    events.add(new ChatEvent.Finished(StopReason.TOOL_USE));
    List<String> blocks = assertValidBlockSequence(frames(events));
    List<String> want = new ArrayList<>();
    expected.forEach((i, args) -> want.add("tool_use:c" + i + ":" + args));
    assertThat(blocks).containsExactlyElementsOf(want);
  }
}
