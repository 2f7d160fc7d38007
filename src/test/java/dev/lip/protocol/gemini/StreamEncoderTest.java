package dev.lip.protocol.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lip.model.ChatEvent;
import dev.lip.model.ChatRequest;
import dev.lip.model.Message;
import dev.lip.model.Passthrough;
import dev.lip.model.ProxyError;
import dev.lip.model.Reasoning;
import dev.lip.model.Role;
import dev.lip.model.Sampling;
import dev.lip.model.StopReason;
import dev.lip.model.ToolDefinition;
import dev.lip.protocol.StreamEncoder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamEncoderTest {
  private static StreamEncoder encoder() {
    return new GeminiDialect().newStreamEncoder(GoldenStreamTest.streamingRequest(), 1234L);
  }

  private static String encodeAll(StreamEncoder enc, List<ChatEvent> events) {
    StringBuilder sse = new StringBuilder();
    for (ChatEvent e : events) {
      sse.append(enc.encode(e));
    }
    return sse.toString();
  }

  @Test
  void interleavedParallelCallsFromAnOpenAiStreamComeOutWhole() {
    StreamEncoder enc = encoder();
    enc.encode(new ChatEvent.Started("chatcmpl-1", "openai", "gpt-4o"));
    List<JsonNode> frames = Golden.dataFrames(encodeAll(enc,
        Golden.events(Golden.read("openai-chat", "stream-parallel-tools.events.jsonl"))));
    assertThat(frames).containsExactly(
        Golden.parse("{\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{\"id\":\"call_Paris01\","
            + "\"name\":\"get_weather\",\"args\":{\"city\":\"Paris\"}}}],\"role\":\"model\"},\"index\":0}],"
            + "\"modelVersion\":\"gpt-4o\",\"responseId\":\"chatcmpl-1\"}"),
        Golden.parse("{\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{\"id\":\"call_Tokyo02\","
            + "\"name\":\"get_time\",\"args\":{\"tz\":\"Asia/Tokyo\"}}}],\"role\":\"model\"},\"index\":0}],"
            + "\"modelVersion\":\"gpt-4o\",\"responseId\":\"chatcmpl-1\"}"),
        Golden.parse("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"\"}],\"role\":\"model\"},"
            + "\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":82,"
            + "\"candidatesTokenCount\":41,\"totalTokenCount\":123},\"modelVersion\":\"gpt-4o\","
            + "\"responseId\":\"chatcmpl-1\"}"));
  }

  @Test
  void signatureOnlyDeltaWaitsForTheNextPart() {
    StreamEncoder enc = encoder();
    assertThat(enc.encode(new ChatEvent.ThinkingDelta("reasoning", null))).contains("\"thought\":true");
    assertThat(enc.encode(new ChatEvent.ThinkingDelta("", "sig-1"))).isEmpty();
    JsonNode text = Golden.dataFrames(enc.encode(new ChatEvent.TextDelta("answer"))).get(0);
    assertThat(text.at("/candidates/0/content/parts")).isEqualTo(Golden.parse(
        "[{\"text\":\"answer\",\"thoughtSignature\":\"sig-1\"}]"));
    assertThat(enc.encode(new ChatEvent.ThinkingDelta("", "sig-2"))).isEmpty();
    JsonNode last = Golden.dataFrames(enc.encode(new ChatEvent.Finished(StopReason.END_TURN))).get(0);
    assertThat(last.at("/candidates/0/content/parts")).isEqualTo(Golden.parse(
        "[{\"text\":\"\",\"thoughtSignature\":\"sig-2\"}]"));
  }

  @Test
  void callsStillOpenAtFinishGoIntoTheFinalChunkAndCustomInputIsWrapped() {
    ChatRequest request = new ChatRequest("gemini-2.5-pro", List.of(), List.of(Message.text(Role.USER, "q")),
        List.of(new ToolDefinition(ToolDefinition.Kind.CUSTOM, "apply_patch", null, null, null, null)), null, null,
        Sampling.DEFAULTS, Reasoning.UNSET, null, true, true, null, Map.of(), Passthrough.NONE);
    StreamEncoder enc = new GeminiDialect().newStreamEncoder(request, 0L);
    enc.encode(new ChatEvent.Started("r1", "b", ""));
    enc.encode(new ChatEvent.ToolCallStarted(0, "c0", "apply_patch", "sig"));
    enc.encode(new ChatEvent.ToolCallDelta(0, "*** Begin"));
    enc.encode(new ChatEvent.ToolCallDelta(0, " Patch"));
    enc.encode(new ChatEvent.ToolCallStarted(1, "c1", "f"));
    JsonNode last = Golden.dataFrames(enc.encode(new ChatEvent.Finished(StopReason.TOOL_USE))).get(0);
    assertThat(last).isEqualTo(Golden.parse("{\"candidates\":[{\"content\":{\"parts\":["
        + "{\"functionCall\":{\"id\":\"c0\",\"name\":\"apply_patch\",\"args\":{\"input\":\"*** Begin Patch\"}},"
        + "\"thoughtSignature\":\"sig\"},{\"functionCall\":{\"id\":\"c1\",\"name\":\"f\",\"args\":{}}}],"
        + "\"role\":\"model\"},\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":0,"
        + "\"candidatesTokenCount\":0,\"totalTokenCount\":0},\"modelVersion\":\"gemini-2.5-pro\","
        + "\"responseId\":\"r1\"}"));
  }

  @Test
  void withoutStartedTheRequestModelAndAMadeUpIdAreUsed() {
    StreamEncoder enc = encoder();
    JsonNode first = Golden.dataFrames(enc.encode(new ChatEvent.TextDelta("hi"))).get(0);
    assertThat(first.get("modelVersion").textValue()).isEqualTo("gemini-2.5-flash");
    assertThat(first.get("responseId").textValue()).matches("[0-9a-f]{32}");
    JsonNode next = Golden.dataFrames(enc.encode(new ChatEvent.TextDelta("!"))).get(0);
    assertThat(next.get("responseId")).isEqualTo(first.get("responseId"));
    assertThat(enc.encode(new ChatEvent.TextDelta(""))).isEmpty();
    assertThat(enc.encode(new ChatEvent.ToolCallDone(9))).isEmpty();
  }

  @Test
  void failureRendersTheGoogleErrorAndNothingAfter() {
    StreamEncoder enc = encoder();
    String sse = enc.encode(new ChatEvent.Failed(new ProxyError(ProxyError.Kind.RATE_LIMITED, 429, "slow down",
        true, 7L, null)));
    assertThat(sse).isEqualTo("data: {\"error\":{\"code\":429,\"message\":\"slow down\",\"status\":"
        + "\"RESOURCE_EXHAUSTED\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\","
        + "\"retryDelay\":\"7s\"}]}}\n\n");
    assertThat(enc.encode(new ChatEvent.TextDelta("late"))).isEmpty();
    assertThat(enc.encode(new ChatEvent.Finished(StopReason.END_TURN))).isEmpty();
  }

  @Test
  void stopReasonsMapToGeminiFinishReasons() {
    for (StopReason reason : StopReason.values()) {
      StreamEncoder enc = encoder();
      JsonNode last = Golden.dataFrames(enc.encode(new ChatEvent.Finished(reason))).get(0);
      String expected = reason == StopReason.MAX_TOKENS ? "MAX_TOKENS"
          : reason == StopReason.CONTENT_FILTER || reason == StopReason.REFUSAL ? "SAFETY" : "STOP";
      assertThat(last.at("/candidates/0/finishReason").textValue()).as("%s", reason).isEqualTo(expected);
    }
  }
}
