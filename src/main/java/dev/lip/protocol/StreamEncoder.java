package dev.lip.protocol;

import dev.lip.model.ChatEvent;

/**
 * Renders canonical events as a client dialect's SSE frames. Stateful: one instance per client stream.
 */
public interface StreamEncoder {

  /**
   * The SSE text for one event, complete frames only ({@code data: …\n\n}); empty when the event has
   * no representation in this dialect. After a terminal event it also writes the dialect's end marker.
   */
  String encode(ChatEvent event);
}
