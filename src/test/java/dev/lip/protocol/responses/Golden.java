package dev.lip.protocol.responses;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lip.model.ChatEvent;
import dev.lip.model.ChatRequest;
import dev.lip.model.Message;
import dev.lip.model.Passthrough;
import dev.lip.model.Reasoning;
import dev.lip.model.Role;
import dev.lip.model.Sampling;
import dev.lip.model.ToolDefinition;
import dev.lip.protocol.GoldenFiles;
import dev.lip.protocol.StreamEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Golden-file helpers of this dialect: its fixture folder and its {@code event:}/{@code data:} framing. */
final class Golden extends GoldenFiles {
  private static final String DIR = "responses";
  static final ResponsesDialect DIALECT = new ResponsesDialect();

  /** A fixture of this dialect. */
  static String read(String name) {
    return read(DIR, name);
  }

  static JsonNode json(String name) {
    return parse(read(name));
  }

  private Golden() {
  }

  /**
   * The payloads of SSE text made of {@code event: <type>\ndata: {…}\n\n} frames only. Fails when the text is
   * not exactly such frames or when a payload's {@code type} differs from its event name.
   */
  static List<JsonNode> sseFrames(String sse) {
    assertThat(sse).endsWith("\n\n");
    List<JsonNode> frames = new ArrayList<>();
    for (String frame : sse.substring(0, sse.length() - 2).split("\n\n", -1)) {
      String[] lines = frame.split("\n", -1);
      assertThat(lines).hasSize(2);
      assertThat(lines[0]).startsWith("event: ");
      assertThat(lines[1]).startsWith("data: ");
      JsonNode payload = parse(lines[1].substring("data: ".length()));
      assertThat(payload.path("type").asText()).isEqualTo(lines[0].substring("event: ".length()));
      frames.add(payload);
    }
    return frames;
  }

  /** Runs SSE text through a fresh stream decoder of the dialect. */
  static List<ChatEvent> decode(String upstreamSse) {
    return decode(DIALECT.newStreamDecoder(), upstreamSse);
  }

  /** A streaming request for model {@code gpt-5-codex} offering {@code tools}. */
  static ChatRequest streamingRequest(List<ToolDefinition> tools) {
    return new ChatRequest("gpt-5-codex", List.of(), List.of(Message.text(Role.USER, "hi")), tools, null, null,
        Sampling.DEFAULTS, Reasoning.UNSET, null, true, false, null, Map.of(), Passthrough.NONE);
  }

  /** The events, after a fixed {@link ChatEvent.Started}, through a fresh stream encoder (created at 1700000000). */
  static String encode(List<ChatEvent> events, ChatRequest request) {
    StreamEncoder encoder = DIALECT.newStreamEncoder(request, 1_700_000_000L);
    StringBuilder sse = new StringBuilder(encoder.encode(new ChatEvent.Started("resp_proxy1", "openai", "gpt-5-codex")));
    for (ChatEvent e : events) {
      sse.append(encoder.encode(e));
    }
    return sse.toString();
  }
}
