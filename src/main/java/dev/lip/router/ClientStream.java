package dev.lip.router;

import dev.lip.bus.StreamEvent;
import dev.lip.model.ChatEvent;
import dev.lip.model.ChatResponse;
import dev.lip.model.ProxyError;
import io.vertx.core.eventbus.EventBus;

/**
 * The answer stream of one request, as the router writes to it: the proxy's own answer, or the error of
 * a request that nothing started answering (a {@link ChatEvent.Failed} before any
 * {@link ChatEvent.Started}, which the frontend renders as an error status).
 *
 * @param address   the stream address of the frontend instance serving the request
 * @param requestId the request the events belong to
 */
record ClientStream(EventBus bus, String address, String requestId) {

  /** The request ends with {@code error}. */
  void fail(ProxyError error) {
    send(new ChatEvent.Failed(error));
  }

  /**
   * The proxy answers by itself with {@code response}, as the events that would have produced it, in one
   * message.
   */
  void answer(ChatResponse response) {
    bus.send(address, new StreamEvent(requestId, response.toEvents()));
  }

  private void send(ChatEvent event) {
    bus.send(address, new StreamEvent(requestId, event));
  }
}
