package dev.lip.protocol.responses;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lip.model.ChatEvent;
import dev.lip.model.ChatRequest;
import dev.lip.model.Message;
import dev.lip.model.Passthrough;
import dev.lip.model.Reasoning;
import dev.lip.model.Role;
import dev.lip.model.Sampling;
import dev.lip.model.ToolDefinition;
import dev.lip.protocol.StreamDecoder;
import dev.lip.protocol.StreamEncoder;
import dev.lip.protocol.sse.SseEvent;
import dev.lip.protocol.sse.SseEventParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Golden-file helpers: fixtures under {@code golden/responses/} (and the chat ones), canonical records as JSON. */
final class Golden {
  /** Renders canonical records (which carry Jackson type annotations) without null members. */
  static final ObjectMapper CANONICAL = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);
  static final ResponsesDialect DIALECT = new ResponsesDialect();

  private Golden() {
  }

  static String read(String name) {
    String path = name.startsWith("/") ? name : "/golden/responses/" + name;
    try (InputStream in = Golden.class.getResourceAsStream(path)) {
      assertThat(in).as("fixture %s", path).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String name) {
    return parse(read(name));
  }

  static JsonNode parse(String json) {
    try {
      return CANONICAL.readTree(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A canonical record as a JSON tree, via text so that numbers get the node types a parsed fixture has. */
  static JsonNode canonical(Object value) {
    try {
      return parse(CANONICAL.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One JSON line per event. */
  static List<JsonNode> eventLines(List<ChatEvent> events) {
    List<JsonNode> lines = new ArrayList<>(events.size());
    for (ChatEvent e : events) {
      lines.add(canonical(e));
    }
    return lines;
  }

  /** The lines of a {@code .jsonl} fixture as trees. */
  static List<JsonNode> jsonLines(String name) {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : read(name).split("\n")) {
      if (!line.isBlank()) {
        lines.add(parse(line));
      }
    }
    return lines;
  }

  /** The events of a {@code .jsonl} fixture. */
  static List<ChatEvent> events(String name) {
    List<ChatEvent> events = new ArrayList<>();
    for (JsonNode line : jsonLines(name)) {
      try {
        events.add(CANONICAL.treeToValue(line, ChatEvent.class));
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
    }
    return events;
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
    StreamDecoder decoder = DIALECT.newStreamDecoder();
    SseEventParser parser = new SseEventParser();
    List<ChatEvent> events = new ArrayList<>();
    for (String line : upstreamSse.split("\n", -1)) {
      SseEvent e = parser.line(line);
      if (e != null) {
        decoder.onEvent(e.event(), e.data(), events::add);
      }
    }
    SseEvent last = parser.finish();
    if (last != null) {
      decoder.onEvent(last.event(), last.data(), events::add);
    }
    decoder.onEnd(events::add);
    return events;
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
