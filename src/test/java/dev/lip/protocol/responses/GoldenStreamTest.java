package dev.lip.protocol.responses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lip.model.ChatEvent;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Upstream Responses SSE transcript → canonical events ({@code .events.jsonl}) → client SSE
 * ({@code .client.sse}), encoded after a fixed {@link ChatEvent.Started} for a request without tools.
 */
class GoldenStreamTest {
  @ParameterizedTest
  @ValueSource(strings = {"stream-text", "stream-parallel-tools", "stream-reasoning-tools", "stream-error-early",
      "stream-error-mid", "stream-truncated"})
  void decodesUpstreamTranscriptIntoExpectedEvents(String name) {
    List<ChatEvent> events = Golden.decode(Golden.read(name + ".upstream.sse"));
    assertThat(Golden.eventLines(events)).containsExactlyElementsOf(Golden.jsonLines(Golden.read(name + ".events.jsonl")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"stream-text", "stream-parallel-tools", "stream-reasoning-tools", "stream-error-early",
      "stream-error-mid", "stream-truncated"})
  void reEncodesEventsIntoExpectedClientStream(String name) {
    String sse = Golden.encode(Golden.decode(Golden.read(name + ".upstream.sse")), Golden.streamingRequest(List.of()));
    assertThat(Golden.sseFrames(sse)).containsExactlyElementsOf(Golden.sseFrames(Golden.read(name + ".client.sse")));
  }

  /** The client stream decodes back into the events it was made from: the encoder drops nothing. */
  @ParameterizedTest
  @ValueSource(strings = {"stream-text", "stream-parallel-tools", "stream-reasoning-tools", "stream-error-mid"})
  void clientStreamDecodesBackToTheSameEvents(String name) {
    List<ChatEvent> events = Golden.decode(Golden.read(name + ".upstream.sse"));
    String sse = Golden.encode(events, Golden.streamingRequest(List.of()));
    assertThat(Golden.decode(sse)).containsExactlyElementsOf(events);
  }
}
