package dev.lip.backend;

import dev.lip.bus.Dispatch;
import dev.lip.model.ChatEvent;
import io.vertx.core.Future;
import java.util.List;

/** One provider type's way of answering a request: over HTTP in a wire dialect, or in process. */
public interface Provider {

  /**
   * The name of the wire dialect this provider speaks ({@link dev.lip.protocol.WireDialect#name()};
   * {@code mock} for the mock): the signatures it produces are accepted only by providers of that dialect.
   */
  String dialect();

  /**
   * Starts answering the dispatched request, whose selector is the provider's model name. Called on the
   * backend verticle's event loop; every event must be delivered on that loop too.
   *
   * @param apiKey the key to present to the provider, or {@code null} when the backend has none
   * @param sink receives the answer events (never {@link ChatEvent.Started}), ending with exactly one
   *             terminal event; failures are {@link ChatEvent.Failed} events. The events of one upstream
   *             read should be delivered in one {@link EventSink#batch}.
   * @return the handle to pause, resume or cancel the call
   */
  UpstreamCall start(Dispatch dispatch, String apiKey, EventSink sink);

  /**
   * The models this provider offers; an empty list when it cannot tell.
   *
   * @param apiKey the key to present to the provider, or {@code null}
   */
  Future<List<String>> models(String apiKey);

  /** Releases what the provider holds (connection pools). */
  default void close() {
  }
}
