package dev.lip.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lip.model.ChatEvent;
import dev.lip.model.ProxyError;
import dev.lip.model.StopReason;
import dev.lip.protocol.StreamDecoder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatStreamDecoderTest {
  private final StreamDecoder decoder = new OpenAiChatDialect().newStreamDecoder();
  private final List<ChatEvent> events = new ArrayList<>();

  private void feed(String... payloads) {
    for (String p : payloads) {
      decoder.onEvent(null, p, events::add);
    }
  }

  private static String delta(String deltaJson, String finishReason) {
    return "{\"choices\":[{\"index\":0,\"delta\":" + deltaJson + ",\"finish_reason\":"
        + (finishReason == null ? "null" : "\"" + finishReason + "\"") + "}]}";
  }

  private static ChatEvent.Failed upstreamFailure(String message, String detail) {
    return new ChatEvent.Failed(new ProxyError(ProxyError.Kind.UPSTREAM, 502, message, true, null, detail));
  }

  @Test
  void malformedJsonFailsInsteadOfThrowing() {
    feed(delta("{\"content\":\"a\"}", null), "{not json", delta("{\"content\":\"b\"}", null));
    decoder.onEnd(events::add);
    assertThat(events).containsExactly(new ChatEvent.TextDelta("a"),
        upstreamFailure("upstream sent a malformed stream chunk", null));
  }

  @Test
  void nonObjectPayloadFails() {
    feed("[1,2]");
    assertThat(events).containsExactly(upstreamFailure("upstream sent a malformed stream chunk", null));
  }

  @Test
  void errorPayloadUsesProviderMessageAndCode() {
    feed("{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\",\"code\":null}}");
    assertThat(events).containsExactly(upstreamFailure("The server had an error", "server_error"));
  }

  @Test
  void doneWithoutFinishReasonIsANaturalEnd() {
    feed(delta("{\"role\":\"assistant\"}", null), delta("{\"content\":\"\"}", null), delta("{\"content\":\"x\"}", null),
        "[DONE]");
    decoder.onEnd(events::add);
    assertThat(events).containsExactly(new ChatEvent.TextDelta("x"), new ChatEvent.Finished(StopReason.END_TURN));
  }

  @Test
  void finishReasonWithoutDoneEndsNormallyAtEndOfStream() {
    feed(delta("{\"content\":\"x\"}", "length"));
    decoder.onEnd(events::add);
    assertThat(events).containsExactly(new ChatEvent.TextDelta("x"), new ChatEvent.Finished(StopReason.MAX_TOKENS));
  }

  @Test
  void providerReusingIndexZeroForEveryCallStillYieldsDistinctCalls() {
    feed(delta("{\"tool_calls\":[{\"index\":0,\"id\":\"a\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}", null),
        delta("{\"tool_calls\":[{\"index\":0,\"id\":\"b\",\"function\":{\"name\":\"g\",\"arguments\":\"{\\\"x\\\":1}\"}}]}",
            "stop"),
        "[DONE]");
    assertThat(events).containsExactly(
        new ChatEvent.ToolCallStarted(0, "a", "f"), new ChatEvent.ToolCallDelta(0, "{}"),
        new ChatEvent.ToolCallStarted(1, "b", "g"), new ChatEvent.ToolCallDelta(1, "{\"x\":1}"),
        new ChatEvent.ToolCallDone(0), new ChatEvent.ToolCallDone(1),
        new ChatEvent.Finished(StopReason.TOOL_USE));
  }

  @Test
  void providerIndicesAreMappedToOrderOfAppearance() {
    feed(delta("{\"tool_calls\":[{\"index\":3,\"id\":\"x\",\"function\":{\"name\":\"f\"}}]}", null),
        delta("{\"tool_calls\":[{\"index\":1,\"id\":\"y\",\"function\":{\"name\":\"g\"}}]}", null),
        delta("{\"tool_calls\":[{\"index\":3,\"function\":{\"arguments\":\"{}\"}}]}", null));
    decoder.onEnd(events::add);
    assertThat(events).containsExactly(
        new ChatEvent.ToolCallStarted(0, "x", "f"), new ChatEvent.ToolCallStarted(1, "y", "g"),
        new ChatEvent.ToolCallDelta(0, "{}"),
        upstreamFailure("upstream stream ended prematurely", null));
  }

  @Test
  void reasoningAliasAndRefusal() {
    feed(delta("{\"reasoning\":\"hmm\"}", null), delta("{\"refusal\":\"I can't\"}", "stop"), "[DONE]");
    assertThat(events).containsExactly(new ChatEvent.ThinkingDelta("hmm", null), new ChatEvent.TextDelta("I can't"),
        new ChatEvent.Finished(StopReason.END_TURN));
  }

  @Test
  void usageInTheFinishChunkIsReportedBeforeFinished() {
    feed("{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"content_filter\"}],"
        + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":0,\"total_tokens\":5}}", "[DONE]");
    assertThat(events).containsExactly(
        new ChatEvent.UsageReport(new dev.lip.model.Usage(5, 0, 0, 0, 0)),
        new ChatEvent.Finished(StopReason.CONTENT_FILTER));
  }

  @Test
  void nothingIsEmittedAfterTheTerminalEvent() {
    feed("[DONE]", delta("{\"content\":\"late\"}", null), "{\"error\":{\"message\":\"x\"}}");
    decoder.onEnd(events::add);
    assertThat(events).containsExactly(new ChatEvent.Finished(StopReason.END_TURN));
  }
}
