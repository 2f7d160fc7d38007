package dev.lip.protocol.sse;

import java.util.Objects;

/**
 * One dispatched server-sent event.
 *
 * @param event the {@code event:} field, or {@code null} when the event had none
 * @param data  the {@code data:} lines joined with {@code \n}
 */
public record SseEvent(String event, String data) {
  public SseEvent {
    Objects.requireNonNull(data, "data");
  }
}
