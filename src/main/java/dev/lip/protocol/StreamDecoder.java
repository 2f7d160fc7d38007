package dev.lip.protocol;

import dev.lip.model.ChatEvent;
import java.util.function.Consumer;

/**
 * Turns one provider's SSE stream into canonical events. Stateful: one instance per upstream response.
 * It never emits {@link ChatEvent.Started}; the backend does, when the first content event appears.
 */
public interface StreamDecoder {

  /**
   * Handles one SSE event.
   *
   * @param event the SSE {@code event:} field, or {@code null} when absent
   * @param data  the SSE {@code data:} payload (lines joined with {@code \n})
   * @param sink  receives the canonical events this SSE event produces, in order
   */
  void onEvent(String event, String data, Consumer<ChatEvent> sink);

  /**
   * The upstream stream ended. Emits what is still owed ({@link ChatEvent.ToolCallDone} for open calls,
   * then {@link ChatEvent.Finished}, or {@link ChatEvent.Failed} when the stream ended before its
   * terminal marker), unless a terminal event was already emitted.
   */
  void onEnd(Consumer<ChatEvent> sink);
}
