package dev.lip.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lip.model.ChatEvent;
import dev.lip.protocol.sse.SseEvent;
import dev.lip.protocol.sse.SseEventParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Golden-file helpers shared by every dialect's tests: fixtures under {@code golden/<dir>/}, canonical
 * records as JSON. Each dialect's test package has a {@code Golden} subclass that knows its folder and its
 * SSE framing; the statics here are reached through it.
 */
public class GoldenFiles {
  /** Renders canonical records (which carry Jackson type annotations) without null members. */
  public static final ObjectMapper CANONICAL =
      new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

  protected GoldenFiles() {
  }

  /** The fixture {@code golden/<dir>/<name>}. */
  public static String read(String dir, String name) {
    try (InputStream in = GoldenFiles.class.getResourceAsStream("/golden/" + dir + "/" + name)) {
      assertThat(in).as("fixture %s/%s", dir, name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode parse(String json) {
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
  public static JsonNode canonical(Object value) {
    try {
      return parse(CANONICAL.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One JSON line per event. */
  public static List<JsonNode> eventLines(List<ChatEvent> events) {
    List<JsonNode> lines = new ArrayList<>(events.size());
    for (ChatEvent e : events) {
      lines.add(canonical(e));
    }
    return lines;
  }

  /** The lines of a {@code .jsonl} text as trees. */
  public static List<JsonNode> jsonLines(String text) {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        lines.add(parse(line));
      }
    }
    return lines;
  }

  /** The canonical events of a {@code .jsonl} text. */
  public static List<ChatEvent> events(String jsonl) {
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
   * The {@code data:} payloads of SSE text made of {@code data: …\n\n} frames only (the OpenAI chat and
   * Gemini framing): JSON payloads as trees, {@code [DONE]} as a text node. Fails when the text is not
   * exactly such frames.
   */
  public static List<JsonNode> dataFrames(String sse) {
    assertThat(sse).endsWith("\n\n");
    List<JsonNode> frames = new ArrayList<>();
    for (String frame : sse.substring(0, sse.length() - 2).split("\n\n", -1)) {
      assertThat(frame).startsWith("data: ").doesNotContain("\n");
      String payload = frame.substring("data: ".length());
      frames.add(payload.equals("[DONE]") ? CANONICAL.getNodeFactory().textNode(payload) : parse(payload));
    }
    return frames;
  }

  /** Feeds SSE text to {@code decoder} line by line, then ends the stream. */
  public static List<ChatEvent> decode(StreamDecoder decoder, String upstreamSse) {
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
