package dev.lip.protocol.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lip.model.ChatEvent;
import dev.lip.model.ChatRequest;
import dev.lip.protocol.StreamEncoder;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Upstream Gemini SSE transcript → canonical events ({@code .events.jsonl}) → client SSE
 * ({@code .client.sse}), encoded after a fixed {@link ChatEvent.Started}.
 */
class GoldenStreamTest {
  private static final GeminiDialect DIALECT = new GeminiDialect();

  static List<ChatEvent> decode(String upstreamSse) {
    return Golden.decode(DIALECT.newStreamDecoder(), upstreamSse);
  }

  static ChatRequest streamingRequest() {
    return ChatRequest.simple("gemini-2.5-flash", "hi", true);
  }

  static String encode(List<ChatEvent> events) {
    StreamEncoder encoder = DIALECT.newStreamEncoder(streamingRequest(), 1_700_000_000L);
    StringBuilder sse = new StringBuilder(encoder.encode(new ChatEvent.Started("resp-proxy-1", "gemini",
        "gemini-2.5-flash")));
    for (ChatEvent e : events) {
      sse.append(encoder.encode(e));
    }
    return sse.toString();
  }

  @ParameterizedTest
  @ValueSource(strings = {"stream-text", "stream-parallel-tools", "stream-thinking-tools", "stream-error",
      "stream-truncated"})
  void decodesUpstreamTranscriptIntoExpectedEvents(String name) {
    List<ChatEvent> events = decode(Golden.read(name + ".upstream.sse"));
    assertThat(Golden.eventLines(events)).containsExactlyElementsOf(Golden.jsonLines(Golden.read(name + ".events.jsonl")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"stream-text", "stream-parallel-tools", "stream-thinking-tools", "stream-error",
      "stream-truncated"})
  void reEncodesEventsIntoExpectedClientStream(String name) {
    String sse = encode(decode(Golden.read(name + ".upstream.sse")));
    assertThat(Golden.dataFrames(sse)).containsExactlyElementsOf(Golden.dataFrames(Golden.read(name + ".client.sse")));
  }
}
