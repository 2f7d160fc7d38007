package dev.lip.protocol.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lip.protocol.GoldenFiles;
import java.util.ArrayList;
import java.util.List;

/** Golden-file helpers of this dialect: its fixture folder and its {@code event:}/{@code data:} framing. */
final class Golden extends GoldenFiles {
  private static final String DIR = "anthropic";

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

}
