package dev.lip.bus;

import dev.lip.model.ChatEvent;
import java.util.Objects;

/**
 * One answer event on its way to the frontend instance that serves request {@code requestId}. A frontend
 * instance listens on one stream address for all its requests (registered once, also across a cluster),
 * so that a request costs no consumer registration.
 */
public record StreamEvent(String requestId, ChatEvent event) {
  public StreamEvent {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(event, "event");
  }
}
