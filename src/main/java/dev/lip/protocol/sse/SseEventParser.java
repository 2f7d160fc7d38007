package dev.lip.protocol.sse;

/**
 * Assembles server-sent events from lines, following the WHATWG event-stream rules that matter to LLM
 * providers: {@code data:} lines are joined with {@code \n}, {@code event:} names the event, lines starting
 * with {@code :} are comments, one space after the colon is dropped, {@code id:} and {@code retry:} are
 * ignored, and a blank line dispatches the event (only when it had at least one {@code data:} line).
 *
 * <p>Pure and stateful: one instance per stream, not thread-safe.
 */
public final class SseEventParser {
  private final StringBuilder data = new StringBuilder();
  private boolean hasData;
  private String event;

  /**
   * Feeds one line, without its trailing {@code \n} (a trailing {@code \r} is tolerated).
   *
   * @return the completed event when {@code line} is blank and ends one, else {@code null}
   */
  public SseEvent line(String line) {
    int end = line.length();
    if (end > 0 && line.charAt(end - 1) == '\r') {
      end--;
    }
    if (end == 0) {
      return dispatch();
    }
    if (line.charAt(0) == ':') {
      return null;
    }
    int colon = line.indexOf(':');
    if (colon < 0) {
      field(line.substring(0, end), "");
      return null;
    }
    int valueStart = colon + 1;
    if (valueStart < end && line.charAt(valueStart) == ' ') {
      valueStart++;
    }
    field(line.substring(0, colon), line.substring(valueStart, end));
    return null;
  }

  /** Ends the stream: the event still being assembled (no blank line after it), or {@code null}. */
  public SseEvent finish() {
    return dispatch();
  }

  private void field(String name, String value) {
    if ("data".equals(name)) {
      if (hasData) {
        data.append('\n');
      }
      data.append(value);
      hasData = true;
    } else if ("event".equals(name)) {
      event = value;
    }
  }

  private SseEvent dispatch() {
    SseEvent result = hasData ? new SseEvent(event, data.toString()) : null;
    data.setLength(0);
    hasData = false;
    event = null;
    return result;
  }
}
