package dev.lip.protocol.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lip.model.ChatEvent;
import dev.lip.model.ChatRequest;
import dev.lip.protocol.StreamEncoder;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Upstream Messages SSE transcript ({@code .upstream.sse}) → canonical events ({@code .events.jsonl}) →
 * client Messages SSE ({@code .client.sse}), encoded after a fixed {@link ChatEvent.Started}. Frames are
 * compared one by one, JSON-parsed.
 */
class GoldenStreamTest {
  private static final AnthropicDialect DIALECT = new AnthropicDialect();
  static final ChatEvent.Started STARTED = new ChatEvent.Started("msg_proxy_1", "anthropic", "claude-sonnet-4-5");

  static List<ChatEvent> decode(String upstreamSse) {
    return Golden.decode(DIALECT.newStreamDecoder(), upstreamSse);
  }

  static String encode(List<ChatEvent> events) {
    StreamEncoder encoder = DIALECT.newStreamEncoder(ChatRequest.simple("claude-x", "hi", true), 0L);
    StringBuilder sse = new StringBuilder(encoder.encode(STARTED));
    for (ChatEvent e : events) {
      sse.append(encoder.encode(e));
    }
    return sse.toString();
  }

  @ParameterizedTest
  @ValueSource(strings = {"stream-text", "stream-two-tools", "stream-thinking-tool", "stream-error",
      "stream-truncated"})
  void decodesUpstreamTranscriptIntoExpectedEvents(String name) {
    List<ChatEvent> events = decode(Golden.read(name + ".upstream.sse"));
    assertThat(Golden.eventLines(events))
        .containsExactlyElementsOf(Golden.jsonLines(Golden.read(name + ".events.jsonl")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"stream-text", "stream-two-tools", "stream-thinking-tool", "stream-error",
      "stream-truncated"})
  void reEncodesEventsIntoExpectedClientStream(String name) {
    String sse = encode(decode(Golden.read(name + ".upstream.sse")));
    assertThat(Golden.sseFrames(sse))
        .containsExactlyElementsOf(Golden.sseFrames(Golden.read(name + ".client.sse")));
  }

  /**
   * The client stream, decoded again as if it came from an upstream, yields the same events (the truncated
   * transcript is left out: its client stream ends with a proper {@code api_error} event, whose type the
   * decoder keeps as the provider detail).
   */
  @ParameterizedTest
  @ValueSource(strings = {"stream-text", "stream-two-tools", "stream-thinking-tool", "stream-error"})
  void clientStreamDecodesToTheSameEvents(String name) {
    List<ChatEvent> events = decode(Golden.read(name + ".upstream.sse"));
    assertThat(decode(Golden.read(name + ".client.sse"))).isEqualTo(events);
  }
}
