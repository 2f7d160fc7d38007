package dev.lip.protocol.responses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lip.model.ChatEvent;
import dev.lip.model.ProxyError;
import dev.lip.model.StopReason;
import dev.lip.model.Usage;
import dev.lip.protocol.StreamDecoder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponsesStreamDecoderTest {
  private final StreamDecoder decoder = Golden.DIALECT.newStreamDecoder();
  private final List<ChatEvent> events = new ArrayList<>();

  private void feed(String event, String data) {
    decoder.onEvent(event, data, events::add);
  }

  private void feed(String data) {
    feed(null, data);
  }

  private static ChatEvent.Failed upstream(String message, String detail) {
    return new ChatEvent.Failed(new ProxyError(ProxyError.Kind.UPSTREAM, 502, message, true, null, detail));
  }

  @Test
  void malformedJsonFailsAndNothingFollows() {
    feed("response.output_text.delta", "{\"type\":");
    feed("{\"type\":\"response.output_text.delta\",\"delta\":\"x\"}");
    decoder.onEnd(events::add);
    assertThat(events).containsExactly(upstream("upstream sent a malformed stream event", null));
  }

  @Test
  void nonObjectPayloadFailsAndDoneMarkerAndUnknownEventsAreIgnored() {
    feed("[DONE]");
    feed("{\"type\":\"response.queued\"}");
    feed("{\"type\":\"response.output_text.annotation.added\"}");
    feed("{\"no_type\":true}");
    assertThat(events).isEmpty();
    feed("[1,2]");
    assertThat(events).containsExactly(upstream("upstream sent a malformed stream event", null));
  }

  @Test
  void theSseEventNameStandsInForAMissingType() {
    feed("response.output_text.delta", "{\"item_id\":\"m\",\"delta\":\"hi\"}");
    assertThat(events).containsExactly(new ChatEvent.TextDelta("hi"));
  }

  @Test
  void errorEventShapesAndCodes() {
    feed("{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"bad input\","
        + "\"param\":\"input[0]\"}}");
    assertThat(events).containsExactly(new ChatEvent.Failed(
        new ProxyError(ProxyError.Kind.INVALID_REQUEST, 400, "bad input", false, null, "input[0]")));

    List<ChatEvent> other = new ArrayList<>();
    StreamDecoder d = Golden.DIALECT.newStreamDecoder();
    d.onEvent(null, "{\"type\":\"error\",\"code\":\"context_length_exceeded\",\"message\":\"too long\"}", other::add);
    assertThat(other).containsExactly(new ChatEvent.Failed(new ProxyError(ProxyError.Kind.REQUEST_TOO_LARGE, 413,
        "too long", false, null, "context_length_exceeded")));

    List<ChatEvent> rate = new ArrayList<>();
    StreamDecoder r = Golden.DIALECT.newStreamDecoder();
    r.onEvent(null, "{\"type\":\"error\",\"code\":\"rate_limit_exceeded\",\"message\":\"slow\"}", rate::add);
    assertThat(rate).containsExactly(new ChatEvent.Failed(new ProxyError(ProxyError.Kind.RATE_LIMITED, 429, "slow",
        true, null, "rate_limit_exceeded")));

    List<ChatEvent> bare = new ArrayList<>();
    StreamDecoder b = Golden.DIALECT.newStreamDecoder();
    b.onEvent(null, "{\"type\":\"response.failed\",\"response\":{\"status\":\"failed\"}}", bare::add);
    assertThat(bare).containsExactly(upstream("upstream reported an error", null));
  }

  @Test
  void argumentsThatOnlyArriveInDoneEventsAreNotLost() {
    feed("{\"type\":\"response.output_item.added\",\"output_index\":0,\"item\":{\"id\":\"fc_1\","
        + "\"type\":\"function_call\",\"call_id\":\"c1\",\"name\":\"f\",\"arguments\":\"\"}}");
    feed("{\"type\":\"response.function_call_arguments.done\",\"item_id\":\"fc_1\",\"output_index\":0,"
        + "\"arguments\":\"{\\\"a\\\":1}\"}");
    feed("{\"type\":\"response.output_item.done\",\"output_index\":0,\"item\":{\"id\":\"fc_1\","
        + "\"type\":\"function_call\",\"call_id\":\"c1\",\"name\":\"f\",\"arguments\":\"{\\\"a\\\":1}\"}}");
    // a call announced only by its done item
    feed("{\"type\":\"response.output_item.done\",\"output_index\":1,\"item\":{\"id\":\"ctc_2\","
        + "\"type\":\"custom_tool_call\",\"call_id\":\"c2\",\"name\":\"apply_patch\",\"input\":\"*** Begin\"}}");
    feed("{\"type\":\"response.completed\",\"response\":{\"status\":\"completed\"}}");
    assertThat(events).containsExactly(
        new ChatEvent.ToolCallStarted(0, "c1", "f"), new ChatEvent.ToolCallDelta(0, "{\"a\":1}"),
        new ChatEvent.ToolCallDone(0),
        new ChatEvent.ToolCallStarted(1, "c2", "apply_patch"), new ChatEvent.ToolCallDelta(1, "*** Begin"),
        new ChatEvent.ToolCallDone(1),
        new ChatEvent.Finished(StopReason.TOOL_USE));
  }

  @Test
  void customToolCallInputDeltasAreRoutedByItemId() {
    feed("{\"type\":\"response.output_item.added\",\"output_index\":0,\"item\":{\"id\":\"ctc_1\","
        + "\"type\":\"custom_tool_call\",\"call_id\":\"c1\",\"name\":\"apply_patch\",\"input\":\"\"}}");
    feed("{\"type\":\"response.custom_tool_call_input.delta\",\"item_id\":\"ctc_1\",\"output_index\":0,"
        + "\"delta\":\"*** Begin\"}");
    feed("{\"type\":\"response.custom_tool_call_input.done\",\"item_id\":\"ctc_1\",\"output_index\":0,"
        + "\"input\":\"*** Begin\"}");
    feed("{\"type\":\"response.incomplete\",\"response\":{\"status\":\"incomplete\","
        + "\"incomplete_details\":{\"reason\":\"max_output_tokens\"},\"usage\":{\"input_tokens\":5,"
        + "\"output_tokens\":7,\"input_tokens_details\":{\"cached_tokens\":1,\"cache_write_tokens\":2},"
        + "\"output_tokens_details\":{\"reasoning_tokens\":3}}}}");
    assertThat(events).containsExactly(
        new ChatEvent.ToolCallStarted(0, "c1", "apply_patch"), new ChatEvent.ToolCallDelta(0, "*** Begin"),
        new ChatEvent.ToolCallDone(0), new ChatEvent.UsageReport(new Usage(5, 7, 1, 2, 3)),
        new ChatEvent.Finished(StopReason.MAX_TOKENS));
  }

  @Test
  void itemsThatWereNotStreamedAreEmittedWhenDone() {
    feed("{\"type\":\"response.output_item.done\",\"output_index\":0,\"item\":{\"id\":\"rs_1\",\"type\":\"reasoning\","
        + "\"summary\":[{\"type\":\"summary_text\",\"text\":\"think\"}],\"encrypted_content\":\"enc\"}}");
    feed("{\"type\":\"response.output_item.done\",\"output_index\":1,\"item\":{\"id\":\"msg_1\",\"type\":\"message\","
        + "\"content\":[{\"type\":\"output_text\",\"text\":\"hello\"},{\"type\":\"refusal\",\"refusal\":\"!\"}]}}");
    feed("{\"type\":\"response.reasoning_text.delta\",\"item_id\":\"rs_2\",\"delta\":\"raw\"}");
    feed("{\"type\":\"response.output_item.done\",\"output_index\":2,\"item\":{\"id\":\"rs_2\",\"type\":\"reasoning\","
        + "\"summary\":[],\"content\":[{\"type\":\"reasoning_text\",\"text\":\"raw\"}]}}");
    assertThat(events).containsExactly(new ChatEvent.ThinkingDelta("think", "enc"), new ChatEvent.TextDelta("hello!"),
        new ChatEvent.ThinkingDelta("raw", null));
  }

  @Test
  void aReasoningItemWithOnlyEncryptedContentIsRedactedThinking() {
    feed("{\"type\":\"response.output_item.done\",\"output_index\":0,\"item\":{\"id\":\"rs_1\",\"type\":\"reasoning\","
        + "\"summary\":[],\"encrypted_content\":\"opaque\"}}");
    assertThat(events).containsExactly(new ChatEvent.RedactedThinking("opaque"));
  }

  @Test
  void endAfterTheTerminalEventEmitsNothingMore() {
    feed("{\"type\":\"response.completed\",\"response\":{\"status\":\"completed\"}}");
    decoder.onEnd(events::add);
    feed("{\"type\":\"response.output_text.delta\",\"delta\":\"late\"}");
    assertThat(events).containsExactly(new ChatEvent.Finished(StopReason.END_TURN));
  }
}
