package dev.lip.protocol.gemini;

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

class StreamDecoderTest {
  private static List<ChatEvent> decode(String... payloads) {
    StreamDecoder decoder = new GeminiDialect().newStreamDecoder();
    List<ChatEvent> events = new ArrayList<>();
    for (String p : payloads) {
      decoder.onEvent(null, p, events::add);
    }
    decoder.onEnd(events::add);
    return events;
  }

  private static String chunk(String parts, String finishReason) {
    return "{\"candidates\":[{\"content\":{\"parts\":" + parts + ",\"role\":\"model\"}"
        + (finishReason == null ? "" : ",\"finishReason\":\"" + finishReason + "\"") + ",\"index\":0}]}";
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = """
      STOP,                    END_TURN
      MAX_TOKENS,              MAX_TOKENS
      SAFETY,                  CONTENT_FILTER
      RECITATION,              CONTENT_FILTER
      BLOCKLIST,               CONTENT_FILTER
      PROHIBITED_CONTENT,      CONTENT_FILTER
      SPII,                    CONTENT_FILTER
      MALFORMED_FUNCTION_CALL, END_TURN
      OTHER,                   END_TURN
      """)
  void finishReasons(String finishReason, StopReason expected) {
    assertThat(decode(chunk("[{\"text\":\"x\"}]", finishReason))).last()
        .isEqualTo(new ChatEvent.Finished(expected));
  }

  @Test
  void malformedChunksFailWithoutThrowingAndLaterEventsAreIgnored() {
    assertThat(decode("{not json", chunk("[{\"text\":\"x\"}]", "STOP"))).containsExactly(new ChatEvent.Failed(
        new ProxyError(ProxyError.Kind.UPSTREAM, 502, "upstream sent a malformed stream chunk", true, null, null)));
    assertThat(decode("42")).hasSize(1).first().isInstanceOf(ChatEvent.Failed.class);
  }

  @Test
  void errorPayloadWithoutStatusUsesTheCode() {
    assertThat(decode("{\"error\":{\"code\":429,\"message\":\"Quota exceeded\"}}")).containsExactly(
        new ChatEvent.Failed(new ProxyError(ProxyError.Kind.UPSTREAM, 502, "Quota exceeded", true, null, "429")));
  }

  @Test
  void blockedPromptEndsAsContentFilter() {
    assertThat(decode("{\"promptFeedback\":{\"blockReason\":\"SAFETY\"},\"usageMetadata\":{\"promptTokenCount\":3,"
        + "\"totalTokenCount\":3}}")).containsExactly(new ChatEvent.UsageReport(new Usage(3, 0, 0, 0, 0)),
        new ChatEvent.Finished(StopReason.CONTENT_FILTER));
  }

  @Test
  void theLastUsageWinsAndCountsAreNormalised() {
    assertThat(decode(
        "{\"usageMetadata\":{\"promptTokenCount\":10,\"totalTokenCount\":10}," + chunk("[{\"text\":\"a\"}]", null)
            .substring(1),
        "{\"usageMetadata\":{\"promptTokenCount\":10,\"candidatesTokenCount\":4,\"thoughtsTokenCount\":6,"
            + "\"cachedContentTokenCount\":8,\"toolUsePromptTokenCount\":2,\"totalTokenCount\":22},"
            + chunk("[]", "STOP").substring(1)))
        .containsExactly(new ChatEvent.TextDelta("a"), new ChatEvent.UsageReport(new Usage(12, 10, 8, 0, 6)),
            new ChatEvent.Finished(StopReason.END_TURN));
  }

  @Test
  void emptyTextAndUnknownPartsProduceNothingButSignaturesDo() {
    assertThat(decode(chunk("[{\"text\":\"\"},{\"executableCode\":{\"code\":\"1\"}},"
        + "{\"text\":\"\",\"thoughtSignature\":\"s\"},{\"text\":\"\",\"thought\":true}]", "STOP")))
        .containsExactly(new ChatEvent.ThinkingDelta("", "s"), new ChatEvent.Finished(StopReason.END_TURN));
  }

  @Test
  void callIdsAreKeptOrMadeUpUniquelyPerAnswer() {
    List<ChatEvent> events = decode(chunk("[{\"functionCall\":{\"id\":\"x1\",\"name\":\"f\"}},"
        + "{\"functionCall\":{\"name\":\"g\",\"args\":{\"a\":[1]}}}]", "STOP"));
    assertThat(events.get(0)).isEqualTo(new ChatEvent.ToolCallStarted(0, "x1", "f", null));
    assertThat(events.get(1)).isEqualTo(new ChatEvent.ToolCallDelta(0, "{}"));
    ChatEvent.ToolCallStarted second = (ChatEvent.ToolCallStarted) events.get(3);
    assertThat(second.id()).matches("gemini_call_[0-9a-f]{16}_1");
    assertThat(events.get(4)).isEqualTo(new ChatEvent.ToolCallDelta(1, "{\"a\":[1]}"));
    assertThat(events).last().isEqualTo(new ChatEvent.Finished(StopReason.TOOL_USE));
  }

  @Test
  void endWithoutAnyChunkIsPremature() {
    assertThat(decode()).containsExactly(new ChatEvent.Failed(
        new ProxyError(ProxyError.Kind.UPSTREAM, 502, "upstream stream ended prematurely", true, null, null)));
  }
}
