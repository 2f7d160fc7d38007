package dev.lip.protocol.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lip.model.ChatEvent;
import dev.lip.protocol.StreamDecoder;
import dev.lip.protocol.sse.SseEvent;
import dev.lip.protocol.sse.SseEventParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Golden-file helpers: fixtures under {@code golden/<dir>/}, canonical records as JSON. */
final class Golden {
  /** Renders canonical records (which carry Jackson type annotations) without null members. */
  static final ObjectMapper CANONICAL = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private Golden() {
  }

  /** A fixture of this dialect ({@code golden/anthropic/name}). */
  static String read(String name) {
    return read("anthropic", name);
  }

  static String read(String dir, String name) {
    try (InputStream in = Golden.class.getResourceAsStream("/golden/" + dir + "/" + name)) {
      assertThat(in).as("fixture %s/%s", dir, name).isNotNull();
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

  /** The lines of a {@code .jsonl} text as trees. */
  static List<JsonNode> jsonLines(String text) {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        lines.add(parse(line));
      }
    }
    return lines;
  }

  /** The canonical events of a {@code .jsonl} text. */
  static List<ChatEvent> events(String jsonl) {
    List<ChatEvent> events = new ArrayList<>();
    for (JsonNode line : jsonLines(jsonl)) {
      try {
        events.add(CANONICAL.treeToValue(line, ChatEvent.class));
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
    }
    return events;
  }

  /**
   * The frames of SSE text made of {@code event: X\ndata: {…}\n\n} frames only, each as
   * {@code {"event":X,"data":{…}}}. Fails when the text is not exactly such frames, or when an event name
   * differs from its payload's {@code type}.
   */
  static List<JsonNode> sseFrames(String sse) {
    assertThat(sse).endsWith("\n\n");
    List<JsonNode> frames = new ArrayList<>();
    for (String frame : sse.substring(0, sse.length() - 2).split("\n\n", -1)) {
      String[] lines = frame.split("\n", -1);
      assertThat(lines).as("frame %s", frame).hasSize(2);
      assertThat(lines[0]).startsWith("event: ");
      assertThat(lines[1]).startsWith("data: ");
      String event = lines[0].substring("event: ".length());
      JsonNode data = parse(lines[1].substring("data: ".length()));
      assertThat(data.path("type").asText()).as("type of %s", frame).isEqualTo(event);
      ObjectNode node = CANONICAL.createObjectNode().put("event", event);
      node.set("data", data);
      frames.add(node);
    }
    return frames;
  }

  /** Feeds SSE text to {@code decoder} line by line, then ends the stream. */
  static List<ChatEvent> decode(StreamDecoder decoder, String upstreamSse) {
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
}
