package dev.lip.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lip.model.ChatEvent;
import dev.lip.model.ChatRequest;
import dev.lip.model.Message;
import dev.lip.model.Passthrough;
import dev.lip.model.Reasoning;
import dev.lip.model.Role;
import dev.lip.model.Sampling;
import dev.lip.protocol.StreamEncoder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Upstream SSE transcript → canonical events ({@code .events.jsonl}) → client SSE ({@code .client.sse}),
 * encoded for a client that asked for {@code include_usage}, after a fixed {@link ChatEvent.Started}.
 */
class GoldenStreamTest {
  private static final OpenAiChatDialect DIALECT = new OpenAiChatDialect();

  static List<ChatEvent> decode(String upstreamSse) {
    return Golden.decode(DIALECT.newStreamDecoder(), upstreamSse);
  }

  static ChatRequest streamingRequest(boolean includeUsage) {
    return new ChatRequest("gpt-4o", List.of(), List.of(Message.text(Role.USER, "hi")), List.of(), null, null,
        Sampling.DEFAULTS, Reasoning.UNSET, null, true, includeUsage, null, Map.of(), Passthrough.NONE);
  }

  static String encode(List<ChatEvent> events, boolean includeUsage) {
    StreamEncoder encoder = DIALECT.newStreamEncoder(streamingRequest(includeUsage), 1_700_000_000L);
    StringBuilder sse = new StringBuilder(encoder.encode(new ChatEvent.Started("chatcmpl-proxy-1", "openai",
        "gpt-4o")));
    for (ChatEvent e : events) {
      sse.append(encoder.encode(e));
    }
    return sse.toString();
  }

  @ParameterizedTest
  @ValueSource(strings = {"stream-text", "stream-parallel-tools", "stream-reasoning", "stream-error",
      "stream-truncated"})
  void decodesUpstreamTranscriptIntoExpectedEvents(String name) {
    List<ChatEvent> events = decode(Golden.read(name + ".upstream.sse"));
    assertThat(Golden.eventLines(events)).containsExactlyElementsOf(Golden.jsonLines(Golden.read(name + ".events.jsonl")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"stream-text", "stream-parallel-tools", "stream-reasoning", "stream-error",
      "stream-truncated"})
  void reEncodesEventsIntoExpectedClientStream(String name) {
    String sse = encode(decode(Golden.read(name + ".upstream.sse")), true);
    assertThat(Golden.dataFrames(sse)).containsExactlyElementsOf(Golden.dataFrames(Golden.read(name + ".client.sse")));
  }
}
