package dev.lip.protocol.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lip.model.ChatEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Golden-file helpers: fixtures under {@code golden/gemini/} (or another dialect's folder, named as
 * {@code dir/file}), canonical records as JSON.
 */
final class Golden {
  /** Renders canonical records (which carry Jackson type annotations) without null members. */
  static final ObjectMapper CANONICAL = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private Golden() {
  }

  static String read(String name) {
    String path = "/golden/" + (name.contains("/") ? name : "gemini/" + name);
    try (InputStream in = Golden.class.getResourceAsStream(path)) {
      assertThat(in).as("fixture %s", name).isNotNull();
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

  /**
   * A canonical record as a JSON tree, via text so that numbers get the node types a parsed fixture has
   * (an {@code IntNode} never equals a {@code LongNode}).
   */
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

  /** The events of a {@code .jsonl} fixture. */
  static List<JsonNode> jsonLines(String name) {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : read(name).split("\n")) {
      if (!line.isBlank()) {
        lines.add(parse(line));
      }
    }
    return lines;
  }

  /** The events of a {@code .jsonl} fixture, as canonical events. */
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
   * The {@code data:} payloads of SSE text made of {@code data: …\n\n} frames only: JSON payloads as trees,
   * {@code [DONE]} as a text node. Fails when the text is not exactly such frames.
   */
  static List<JsonNode> sseFrames(String sse) {
    assertThat(sse).endsWith("\n\n");
    List<JsonNode> frames = new ArrayList<>();
    for (String frame : sse.substring(0, sse.length() - 2).split("\n\n", -1)) {
      assertThat(frame).startsWith("data: ").doesNotContain("\n");
      String payload = frame.substring("data: ".length());
      frames.add(payload.equals("[DONE]") ? CANONICAL.getNodeFactory().textNode(payload) : parse(payload));
    }
    return frames;
  }
}
