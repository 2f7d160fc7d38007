package dev.lip.protocol.responses;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lip.model.ChatEvent;
import dev.lip.model.ProxyError;
import dev.lip.model.StopReason;
import dev.lip.model.Usage;
import dev.lip.protocol.StreamEncoder;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResponsesStreamEncoderTest {
  private static StreamEncoder encoder() {
    return Golden.DIALECT.newStreamEncoder(Golden.streamingRequest(List.of()), 1234L);
  }

  private static List<String> types(List<JsonNode> frames) {
    return frames.stream().map(f -> f.get("type").textValue()).toList();
  }

  /**
   * The interleaved parallel calls of the chat golden stream make a valid Responses stream: sequence numbers
   * strictly increase from 0, every item is added before its deltas and done after all of them, and
   * response.completed comes last with both calls.
   */
  @Test
  void interleavedParallelToolCallsMakeAValidStream() {
    List<ChatEvent> events = Golden.events(Golden.read("openai-chat", "stream-parallel-tools.events.jsonl"));
    List<JsonNode> frames = Golden.sseFrames(Golden.encode(events, Golden.streamingRequest(List.of())));

    for (int i = 0; i < frames.size(); i++) {
      assertThat(frames.get(i).get("sequence_number").intValue()).isEqualTo(i);
    }
    Set<String> added = new HashSet<>();
    Set<String> done = new HashSet<>();
    Map<String, StringBuilder> arguments = new HashMap<>();
    for (JsonNode f : frames.subList(0, frames.size() - 1)) {
      String type = f.get("type").textValue();
      assertThat(type).isNotEqualTo("response.completed");
      if (type.equals("response.output_item.added")) {
        assertThat(added.add(f.at("/item/id").textValue())).isTrue();
        assertThat(f.at("/item/arguments").textValue()).isEmpty();
      } else if (type.equals("response.function_call_arguments.delta")) {
        String id = f.get("item_id").textValue();
        assertThat(added).contains(id);
        assertThat(done).doesNotContain(id);
        arguments.computeIfAbsent(id, k -> new StringBuilder()).append(f.get("delta").textValue());
      } else if (type.equals("response.function_call_arguments.done")) {
        String id = f.get("item_id").textValue();
        assertThat(f.get("arguments").textValue()).isEqualTo(arguments.get(id).toString());
      } else if (type.equals("response.output_item.done")) {
        String id = f.at("/item/id").textValue();
        assertThat(added).contains(id);
        assertThat(done.add(id)).isTrue();
        assertThat(f.at("/item/arguments").textValue()).isEqualTo(arguments.get(id).toString());
      }
    }
    assertThat(types(frames)).filteredOn(t -> t.endsWith(".delta")).hasSize(4);
    assertThat(done).hasSize(2).isEqualTo(added);
    JsonNode completed = frames.get(frames.size() - 1);
    assertThat(completed.get("type").textValue()).isEqualTo("response.completed");
    assertThat(completed.at("/response/output")).isEqualTo(Golden.parse("["
        + "{\"id\":\"fc_proxy1_0\",\"type\":\"function_call\",\"status\":\"completed\",\"arguments\":\"{\\\"city\\\": "
        + "\\\"Paris\\\"}\",\"call_id\":\"call_Paris01\",\"name\":\"get_weather\"},"
        + "{\"id\":\"fc_proxy1_1\",\"type\":\"function_call\",\"status\":\"completed\",\"arguments\":\"{\\\"tz\\\":"
        + "\\\"Asia/Tokyo\\\"}\",\"call_id\":\"call_Tokyo02\",\"name\":\"get_time\"}]"));
    assertThat(completed.at("/response/usage/total_tokens").intValue()).isEqualTo(123);
  }

  @Test
  void withoutStartedTheFirstContentStartsTheResponseWithAMadeUpId() {
    StreamEncoder enc = encoder();
    List<JsonNode> frames = Golden.sseFrames(enc.encode(new ChatEvent.TextDelta("hi")));
    assertThat(types(frames)).containsExactly("response.created", "response.in_progress",
        "response.output_item.added", "response.content_part.added", "response.output_text.delta");
    assertThat(frames.get(0).at("/response/id").textValue()).matches("resp_[0-9a-f]{32}");
    assertThat(frames.get(0).at("/response/model").textValue()).isEqualTo("gpt-5-codex");
    assertThat(frames.get(2).at("/item/id").textValue())
        .isEqualTo("msg_" + frames.get(0).at("/response/id").textValue().substring(5) + "_0");
  }

  @Test
  void signatureOnlyThinkingIsAReasoningItemWithoutSummaryEvents() {
    StreamEncoder enc = encoder();
    enc.encode(new ChatEvent.Started("resp_a", "b", "m"));
    List<JsonNode> frames = Golden.sseFrames(enc.encode(new ChatEvent.ThinkingDelta("", "enc1"))
        + enc.encode(new ChatEvent.TextDelta("x")));
    assertThat(types(frames)).containsExactly("response.output_item.added", "response.output_item.done",
        "response.output_item.added", "response.content_part.added", "response.output_text.delta");
    assertThat(frames.get(1).get("item")).isEqualTo(Golden.parse(
        "{\"id\":\"rs_a_0\",\"type\":\"reasoning\",\"summary\":[],\"encrypted_content\":\"enc1\"}"));
  }

  @Test
  void redactedThinkingIsAFinishedReasoningItemCarryingTheData() {
    StreamEncoder enc = encoder();
    enc.encode(new ChatEvent.Started("resp_a", "b", "m"));
    List<JsonNode> frames = Golden.sseFrames(enc.encode(new ChatEvent.RedactedThinking("opaque-data"))
        + enc.encode(new ChatEvent.TextDelta("x")) + enc.encode(new ChatEvent.Finished(StopReason.END_TURN)));

    assertThat(types(frames).subList(0, 2)).containsExactly("response.output_item.added", "response.output_item.done");
    assertThat(frames.get(1).at("/item/type").textValue()).isEqualTo("reasoning");
    assertThat(frames.get(1).at("/item/encrypted_content").textValue()).isEqualTo("opaque-data");
    assertThat(frames.get(1).at("/item/summary")).isEmpty();
    JsonNode completed = frames.get(frames.size() - 1);
    assertThat(completed.at("/response/output/0/encrypted_content").textValue()).isEqualTo("opaque-data");
  }

  @Test
  void thinkingAfterASignatureStartsANewReasoningItem() {
    StreamEncoder enc = encoder();
    enc.encode(new ChatEvent.Started("resp_a", "b", "m"));
    enc.encode(new ChatEvent.ThinkingDelta("one", null));
    enc.encode(new ChatEvent.ThinkingDelta("", "sig1"));
    List<JsonNode> frames = Golden.sseFrames(enc.encode(new ChatEvent.ThinkingDelta("two", "sig2")));
    assertThat(types(frames)).containsExactly("response.reasoning_summary_text.done",
        "response.reasoning_summary_part.done", "response.output_item.done", "response.output_item.added",
        "response.reasoning_summary_part.added", "response.reasoning_summary_text.delta");
    assertThat(frames.get(2).get("item")).isEqualTo(Golden.parse("{\"id\":\"rs_a_0\",\"type\":\"reasoning\","
        + "\"summary\":[{\"type\":\"summary_text\",\"text\":\"one\"}],\"encrypted_content\":\"sig1\"}"));
    List<JsonNode> end = Golden.sseFrames(enc.encode(new ChatEvent.Finished(StopReason.END_TURN)));
    assertThat(end.get(2).get("item")).isEqualTo(Golden.parse("{\"id\":\"rs_a_1\",\"type\":\"reasoning\","
        + "\"summary\":[{\"type\":\"summary_text\",\"text\":\"two\"}],\"encrypted_content\":\"sig2\"}"));
  }

  @Test
  void tokenLimitEndsWithResponseIncompleteAndAnIncompleteMessage() {
    StreamEncoder enc = encoder();
    enc.encode(new ChatEvent.Started("resp_a", "b", "m"));
    enc.encode(new ChatEvent.TextDelta("Once upon"));
    enc.encode(new ChatEvent.UsageReport(new Usage(10, 0, 4, 2, 0)));
    enc.encode(new ChatEvent.UsageReport(new Usage(0, 16, 0, 0, 3)));
    List<JsonNode> frames = Golden.sseFrames(enc.encode(new ChatEvent.Finished(StopReason.MAX_TOKENS)));
    assertThat(types(frames)).containsExactly("response.output_text.done", "response.content_part.done",
        "response.output_item.done", "response.incomplete");
    assertThat(frames.get(2).at("/item/status").textValue()).isEqualTo("incomplete");
    JsonNode response = frames.get(3).get("response");
    assertThat(response.get("status").textValue()).isEqualTo("incomplete");
    assertThat(response.get("incomplete_details")).isEqualTo(Golden.parse("{\"reason\":\"max_output_tokens\"}"));
    assertThat(response.get("usage")).isEqualTo(Golden.parse("{\"input_tokens\":10,\"input_tokens_details\":"
        + "{\"cached_tokens\":4,\"cache_write_tokens\":2},\"output_tokens\":16,\"output_tokens_details\":"
        + "{\"reasoning_tokens\":3},\"total_tokens\":26}"));
  }

  @Test
  void finishedClosesCallsThatNeverGotTheirDone() {
    StreamEncoder enc = encoder();
    enc.encode(new ChatEvent.ToolCallStarted(0, "c0", "f"));
    enc.encode(new ChatEvent.ToolCallDelta(0, "{}"));
    List<JsonNode> frames = Golden.sseFrames(enc.encode(new ChatEvent.Finished(StopReason.TOOL_USE)));
    assertThat(types(frames)).containsExactly("response.function_call_arguments.done", "response.output_item.done",
        "response.completed");
    assertThat(frames.get(2).at("/response/output/0/arguments").textValue()).isEqualTo("{}");
  }

  @Test
  void failureBeforeAnyOutputIsAnErrorThenResponseFailedAndNothingAfter() {
    StreamEncoder enc = encoder();
    String sse = enc.encode(new ChatEvent.Failed(new ProxyError(ProxyError.Kind.RATE_LIMITED, 429, "slow down",
        true, 3L, null)));
    List<JsonNode> frames = Golden.sseFrames(sse);
    assertThat(types(frames)).containsExactly("error", "response.failed");
    assertThat(frames.get(0)).isEqualTo(Golden.parse("{\"type\":\"error\",\"code\":\"rate_limit_exceeded\","
        + "\"message\":\"slow down\",\"param\":null,\"sequence_number\":0}"));
    assertThat(frames.get(1).at("/response/status").textValue()).isEqualTo("failed");
    assertThat(frames.get(1).at("/response/error")).isEqualTo(Golden.parse(
        "{\"code\":\"rate_limit_exceeded\",\"message\":\"slow down\"}"));
    assertThat(frames.get(1).get("sequence_number").intValue()).isEqualTo(1);
    assertThat(enc.encode(new ChatEvent.TextDelta("late"))).isEmpty();
    assertThat(enc.encode(new ChatEvent.Finished(StopReason.END_TURN))).isEmpty();
  }

  @Test
  void failureCodesAreTheOnesCodexActsOn() {
    assertThat(ResponsesStreamEncoder.failureCode(new ProxyError(ProxyError.Kind.RATE_LIMITED, 429, "q", true, null,
        "insufficient_quota"))).isEqualTo("insufficient_quota");
    assertThat(ResponsesStreamEncoder.failureCode(ProxyError.of(ProxyError.Kind.REQUEST_TOO_LARGE, "big")))
        .isEqualTo("context_length_exceeded");
    assertThat(ResponsesStreamEncoder.failureCode(ProxyError.invalidRequest("bad"))).isEqualTo("invalid_prompt");
    assertThat(ResponsesStreamEncoder.failureCode(new ProxyError(ProxyError.Kind.INVALID_REQUEST, 400, "too long",
        false, null, "context_length_exceeded"))).isEqualTo("context_length_exceeded");
    assertThat(ResponsesStreamEncoder.failureCode(ProxyError.of(ProxyError.Kind.TIMEOUT, "slow")))
        .isEqualTo("server_error");
  }

  @Test
  void emptyDeltasUnknownCallsAndToolCallDoneTwiceProduceNothing() {
    StreamEncoder enc = encoder();
    enc.encode(new ChatEvent.Started("resp_a", "b", "m"));
    assertThat(enc.encode(new ChatEvent.TextDelta(""))).isEmpty();
    assertThat(enc.encode(new ChatEvent.ThinkingDelta("", null))).isEmpty();
    assertThat(enc.encode(new ChatEvent.ToolCallDelta(5, "x"))).isEmpty();
    assertThat(enc.encode(new ChatEvent.ToolCallDone(5))).isEmpty();
    assertThat(enc.encode(new ChatEvent.Started("resp_b", "b", "m"))).isEmpty();
    enc.encode(new ChatEvent.ToolCallStarted(0, "c0", "f"));
    assertThat(enc.encode(new ChatEvent.ToolCallDone(0))).isNotEmpty();
    assertThat(enc.encode(new ChatEvent.ToolCallDone(0))).isEmpty();
    assertThat(enc.encode(new ChatEvent.ToolCallDelta(0, "late"))).isEmpty();
  }

  @Test
  void responseObjectEchoesTheRequest() {
    dev.lip.model.ChatRequest request = Golden.DIALECT.decodeRequest(Golden.json("request-instructions.json"));
    StreamEncoder enc = Golden.DIALECT.newStreamEncoder(request, 1234L);
    JsonNode created = Golden.sseFrames(enc.encode(new ChatEvent.Started("resp_a", "b", "gpt-4.1"))).get(0);
    JsonNode response = created.get("response");
    assertThat(response.get("instructions").textValue()).isEqualTo("Answer in one sentence.");
    assertThat(response.get("max_output_tokens").intValue()).isEqualTo(256);
    assertThat(response.get("tool_choice")).isEqualTo(Golden.parse("{\"type\":\"function\",\"name\":\"lookup\"}"));
    assertThat(response.at("/tools/0/name").textValue()).isEqualTo("lookup");
    assertThat(response.at("/text/format/name").textValue()).isEqualTo("answer");
    assertThat(response.get("reasoning")).isEqualTo(Golden.parse("{\"effort\":\"low\",\"summary\":\"auto\"}"));
    assertThat(response.get("metadata")).isEqualTo(Golden.parse("{\"ticket\":\"T-1\"}"));
    assertThat(response.get("created_at").longValue()).isEqualTo(1234L);
  }
}
