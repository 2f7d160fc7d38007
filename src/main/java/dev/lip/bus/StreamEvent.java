package dev.lip.bus;

import dev.lip.model.ChatEvent;
import java.util.List;
import java.util.Objects;

/**
 * Answer events on their way to the frontend instance that serves request {@code requestId}, in order. A
 * frontend instance listens on one stream address for all its requests (registered once, also across a
 * cluster), so that a request costs no consumer registration. The events one upstream read produced travel
 * together: a whole non-streamed answer is one message.
 */
public record StreamEvent(String requestId, List<ChatEvent> events) {
  public StreamEvent {
    Objects.requireNonNull(requestId, "requestId");
    events = List.copyOf(events);
    if (events.isEmpty()) {
      throw new IllegalArgumentException("a stream message carries at least one event");
    }
  }

  /** A message carrying the single {@code event}. */
  public StreamEvent(String requestId, ChatEvent event) {
    this(requestId, List.of(event));
  }
}
