package dev.lip.backend;

import dev.lip.model.ChatEvent;
import java.util.function.Consumer;

/**
 * Where a provider delivers the events of one upstream call. Events delivered one by one travel to the
 * client one by one; the events delivered while {@link #batch} runs (those of one upstream read) travel
 * together, as one event-bus message and one write to the client.
 */
public interface EventSink extends Consumer<ChatEvent> {

  /**
   * Runs {@code delivery}; the events it delivers are sent together when it returns. A sink that cannot
   * group them just runs it.
   */
  default void batch(Runnable delivery) {
    delivery.run();
  }
}
