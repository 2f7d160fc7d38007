package dev.lip.frontend;

import dev.lip.model.ChatRequest;
import dev.lip.model.ChatResponse;
import dev.lip.protocol.ClientDialect;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * What makes one chat door: its client dialect, what the door adds to a decoded request from the URL or
 * its own state, and what it does with a finished answer.
 *
 * @param adapter          completes a decoded request (e.g. the model and stream flag from a Gemini URL)
 * @param listener         sees every answer that finished normally, with the request it answered and the
 *                         session, or {@code null}
 * @param forwardedHeaders client headers (lower-case) handed on to the backend, for providers of the
 *                         door's dialect (e.g. {@code anthropic-beta})
 */
record Door(ClientDialect dialect, Adapter adapter, Listener listener, List<String> forwardedHeaders) {

  Door {
    forwardedHeaders = List.copyOf(forwardedHeaders);
  }

  /** A door that only decodes. */
  static Door of(ClientDialect dialect) {
    return new Door(dialect, (rc, request) -> request, null, List.of());
  }

  /** Completes a decoded request; may throw {@link dev.lip.protocol.InvalidRequestException}. */
  @FunctionalInterface
  interface Adapter {
    ChatRequest adapt(RoutingContext rc, ChatRequest request);
  }

  /** Receives finished answers, with the session they belong to. */
  @FunctionalInterface
  interface Listener {
    void answered(ChatRequest request, ChatResponse response, SessionKeys.SessionKey session);
  }
}
