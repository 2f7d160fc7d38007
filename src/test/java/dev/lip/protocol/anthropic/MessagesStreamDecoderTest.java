package dev.lip.protocol.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lip.model.ChatEvent;
import dev.lip.model.ProxyError;
import dev.lip.model.StopReason;
import dev.lip.model.Usage;
import dev.lip.protocol.StreamDecoder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessagesStreamDecoderTest {
  private final StreamDecoder decoder = new AnthropicDialect().newStreamDecoder();
  private final List<ChatEvent> events = new ArrayList<>();

  private void feed(String... payloads) {
    for (String p : payloads) {
      decoder.onEvent(null, p, events::add);
    }
  }

  private static ChatEvent.Failed upstreamFailure(String message) {
    return new ChatEvent.Failed(new ProxyError(ProxyError.Kind.UPSTREAM, 502, message, true, null, null));
  }

  @Test
  void malformedJsonFailsInsteadOfThrowing() {
    feed("{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"a\"}}",
        "{not json", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"b\"}}");
    decoder.onEnd(events::add);
    assertThat(events).containsExactly(new ChatEvent.TextDelta("a"),
        upstreamFailure("upstream sent a malformed stream event"));
  }

  @Test
  void nonObjectPayloadFails() {
    feed("[1]");
    assertThat(events).containsExactly(upstreamFailure("upstream sent a malformed stream event"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = """
      overloaded_error,      UNAVAILABLE,     529, true
      rate_limit_error,      RATE_LIMITED,    429, true
      api_error,             UPSTREAM,        502, true
      invalid_request_error, INVALID_REQUEST, 400, false
      authentication_error,  AUTHENTICATION,  401, false
      permission_error,      PERMISSION,      403, false
      not_found_error,       NOT_FOUND,       404, false
      request_too_large,     REQUEST_TOO_LARGE, 413, false
      timeout_error,         TIMEOUT,         504, true
      something_new,         UPSTREAM,        502, true
      """)
  void errorEventsMapToHonestFailures(String type, ProxyError.Kind kind, int status, boolean retryable) {
    decoder.onEvent("error", "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"m\"}}",
        events::add);
    decoder.onEnd(events::add);
    assertThat(events).containsExactly(
        new ChatEvent.Failed(new ProxyError(kind, status, "m", retryable, null, type)));
  }

  @Test
  void eventNameIsUsedWhenThePayloadHasNoType() {
    decoder.onEvent("content_block_start", "{\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
        events::add);
    decoder.onEvent("content_block_delta", "{\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"x\"}}",
        events::add);
    decoder.onEvent("message_stop", "{}", events::add);
    assertThat(events).containsExactly(new ChatEvent.TextDelta("x"), new ChatEvent.Finished(StopReason.END_TURN));
  }

  @Test
  void serverToolBlocksAreSkippedDeltasIncludedAndRedactedThinkingIsKept() {
    feed("{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"redacted_thinking\",\"data\":\"x\"}}",
        "{\"type\":\"content_block_stop\",\"index\":0}",
        "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"server_tool_use\",\"id\":\"srvtoolu_1\","
            + "\"name\":\"web_search\",\"input\":{}}}",
        "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"q\\\":1}\"}}",
        "{\"type\":\"content_block_stop\",\"index\":1}",
        "{\"type\":\"content_block_start\",\"index\":2,\"content_block\":{\"type\":\"web_search_tool_result\","
            + "\"tool_use_id\":\"srvtoolu_1\",\"content\":[]}}",
        "{\"type\":\"content_block_stop\",\"index\":2}",
        "{\"type\":\"content_block_start\",\"index\":3,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_1\","
            + "\"name\":\"f\",\"input\":{}}}",
        "{\"type\":\"content_block_delta\",\"index\":3,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{}\"}}",
        "{\"type\":\"content_block_stop\",\"index\":3}",
        "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\"},\"usage\":{\"output_tokens\":3}}",
        "{\"type\":\"message_stop\"}");
    assertThat(events).containsExactly(new ChatEvent.RedactedThinking("x"),
        new ChatEvent.ToolCallStarted(0, "toolu_1", "f"),
        new ChatEvent.ToolCallDelta(0, "{}"), new ChatEvent.ToolCallDone(0),
        new ChatEvent.UsageReport(new Usage(0, 3, 0, 0, 0)), new ChatEvent.Finished(StopReason.TOOL_USE));
  }

  @Test
  void inputGivenWholeAtBlockStartIsOneDeltaAndOpenCallsCloseAtMessageStop() {
    feed("{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"tool_use\",\"id\":\"t\","
        + "\"name\":\"f\",\"input\":{\"a\":1}}}", "{\"type\":\"message_stop\"}");
    assertThat(events).containsExactly(new ChatEvent.ToolCallStarted(0, "t", "f"),
        new ChatEvent.ToolCallDelta(0, "{\"a\":1}"), new ChatEvent.ToolCallDone(0),
        new ChatEvent.Finished(StopReason.TOOL_USE));
  }

  @Test
  void aStreamCutAfterItsStopReasonStillFinishes() {
    feed("{\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":5,\"cache_read_input_tokens\":10,"
        + "\"output_tokens\":1}}}",
        "{\"type\":\"ping\"}", "{\"type\":\"something_new\"}",
        "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"pause_turn\"},\"usage\":{\"output_tokens\":9}}");
    decoder.onEnd(events::add);
    decoder.onEnd(events::add);
    assertThat(events).containsExactly(new ChatEvent.UsageReport(new Usage(15, 9, 10, 0, 0)),
        new ChatEvent.Finished(StopReason.END_TURN));
  }

  @Test
  void nothingIsEmittedAfterTheEnd() {
    feed("{\"type\":\"message_stop\"}", "{\"type\":\"content_block_start\",\"index\":0,"
        + "\"content_block\":{\"type\":\"text\",\"text\":\"late\"}}");
    decoder.onEnd(events::add);
    assertThat(events).containsExactly(new ChatEvent.Finished(StopReason.END_TURN));
  }

  @ParameterizedTest
  @CsvSource(textBlock = """
      end_turn,      END_TURN
      max_tokens,    MAX_TOKENS
      stop_sequence, STOP_SEQUENCE
      tool_use,      TOOL_USE
      refusal,       REFUSAL
      pause_turn,    END_TURN
      model_context_window_exceeded, MAX_TOKENS
      """)
  void stopReasons(String stopReason, StopReason expected) {
    feed("{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"" + stopReason + "\"}}", "{\"type\":\"message_stop\"}");
    assertThat(events).containsExactly(new ChatEvent.Finished(expected));
  }
}
