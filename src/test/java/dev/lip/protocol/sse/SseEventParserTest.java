package dev.lip.protocol.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseEventParserTest {

  private static List<SseEvent> feed(SseEventParser parser, String text) {
    List<SseEvent> events = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      SseEvent e = parser.line(line);
      if (e != null) {
        events.add(e);
      }
    }
    return events;
  }

  @Test
  void dataOnlyEventsDispatchOnBlankLine() {
    SseEventParser parser = new SseEventParser();
    assertThat(parser.line("data: {\"a\":1}")).isNull();
    assertThat(parser.line("")).isEqualTo(new SseEvent(null, "{\"a\":1}"));
    assertThat(parser.line("")).isNull();
  }

  @Test
  void eventFieldAndMultiLineData() {
    List<SseEvent> events = feed(new SseEventParser(),
        "event: message_start\ndata: line one\ndata: line two\n\nevent: ping\ndata: {}\n\n");
    assertThat(events).containsExactly(
        new SseEvent("message_start", "line one\nline two"), new SseEvent("ping", "{}"));
  }

  @Test
  void toleratesCarriageReturnsAndMissingSpace() {
    List<SseEvent> events = feed(new SseEventParser(), "event:delta\r\ndata:x\r\ndata:  y \r\n\r\n");
    assertThat(events).containsExactly(new SseEvent("delta", "x\n y "));
  }

  @Test
  void commentsAndUnknownFieldsAreIgnored() {
    List<SseEvent> events = feed(new SseEventParser(),
        ": keep-alive\n\nid: 7\nretry: 100\n: note\ndata: [DONE]\n\n");
    assertThat(events).containsExactly(new SseEvent(null, "[DONE]"));
  }

  @Test
  void eventWithoutDataIsNotDispatchedAndDoesNotLeak() {
    List<SseEvent> events = feed(new SseEventParser(), "event: lonely\n\ndata: next\n\n");
    assertThat(events).containsExactly(new SseEvent(null, "next"));
  }

  @Test
  void emptyDataLineYieldsEmptyData() {
    List<SseEvent> events = feed(new SseEventParser(), "data\n\ndata:\ndata:\n\n");
    assertThat(events).containsExactly(new SseEvent(null, ""), new SseEvent(null, "\n"));
  }

  @Test
  void finishFlushesAnUnterminatedEvent() {
    SseEventParser parser = new SseEventParser();
    parser.line("event: last");
    parser.line("data: tail");
    assertThat(parser.finish()).isEqualTo(new SseEvent("last", "tail"));
    assertThat(parser.finish()).isNull();
  }

  @Test
  void colonInsideValueIsKept() {
    SseEventParser parser = new SseEventParser();
    parser.line("data: {\"url\":\"http://x\"}");
    assertThat(parser.line("")).isEqualTo(new SseEvent(null, "{\"url\":\"http://x\"}"));
  }
}
