package dev.lip.frontend;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lip.bus.LocalFirst;
import dev.lip.model.ChatRequest;
import dev.lip.model.ProxyError;
import dev.lip.model.TokenEstimate;
import dev.lip.protocol.ClientDialect;
import dev.lip.protocol.InvalidRequestException;
import dev.lip.protocol.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one {@link Door}: parses and decodes the body, lets the door complete the request, derives its
 * session, then hands it to a {@link ClientExchange}. Bad input gets a 400 in the door's own error dialect.
 */
final class DialectDoor {
  /** Bodies larger than this are parsed off the event loop. */
  private static final int LARGE_BODY_BYTES = 1 << 20;
  private static final Logger LOG = LoggerFactory.getLogger(DialectDoor.class);

  private final Vertx vertx;
  private final LocalFirst bus;
  private final Door door;
  private final ClientDialect dialect;
  private final StreamLimits limits;
  private final SessionKeys sessions;
  private final String streamAddress;
  private final Consumer<ClientExchange> onStart;
  private final Consumer<ClientExchange> onDone;

  DialectDoor(Vertx vertx, Door door, String streamAddress, StreamLimits limits, SessionKeys sessions,
      Consumer<ClientExchange> onStart, Consumer<ClientExchange> onDone) {
    this.vertx = vertx;
    this.bus = new LocalFirst(vertx.eventBus());
    this.door = door;
    this.dialect = door.dialect();
    this.limits = limits;
    this.sessions = sessions;
    this.streamAddress = streamAddress;
    this.onStart = onStart;
    this.onDone = onDone;
  }

  /** Serves a chat request. */
  void handle(RoutingContext rc) {
    HttpServerRequest http = rc.request();
    String credential = ClientAuth.presentedKey(http);
    decoded(rc, parsed -> new Admitted(parsed.request(),
        sessions.derive(http::getHeader, parsed.body(), parsed.request(), credential)))
        .onSuccess(admitted -> {
          ClientExchange exchange = new ClientExchange(vertx, bus, rc.response(), door, admitted.request(),
              rc.get(RequestIds.CONTEXT_KEY), admitted.session(), streamAddress, limits, onDone);
          onStart.accept(exchange);
          exchange.start(dialect.name(), forwardedHeaders(rc));
        });
  }

  /** Serves a token-count request: the estimate, in the shape {@code shape} gives it. */
  void countTokens(RoutingContext rc, LongFunction<JsonNode> shape) {
    decoded(rc, parsed -> TokenEstimate.of(parsed.request()))
        .onSuccess(tokens -> Replies.json(rc.response(), 200, shape.apply(tokens)));
  }

  /**
   * The body parsed, decoded and completed by the door, then handed to {@code then}; for a large body,
   * parsing and {@code then} run off the event loop (the door's adapter always runs on it). A failure has
   * already been answered.
   */
  private <T> Future<T> decoded(RoutingContext rc, Function<Decoded, T> then) {
    Buffer body = rc.body().buffer();
    if (body == null || body.length() == 0) {
      reject(rc, ProxyError.invalidRequest("the request body is empty: a JSON object is required"));
      return Future.failedFuture("empty body");
    }
    Future<T> decoded;
    if (body.length() > LARGE_BODY_BYTES) {
      decoded = vertx.executeBlocking(() -> decode(body), false)
          .map(parsed -> adapt(rc, parsed))
          .compose(adapted -> vertx.executeBlocking(() -> then.apply(adapted), false));
    } else {
      try {
        decoded = Future.succeededFuture(then.apply(adapt(rc, decode(body))));
      } catch (RuntimeException e) {
        decoded = Future.failedFuture(e);
      }
    }
    return decoded.onFailure(failure -> {
      if (failure instanceof InvalidRequestException invalid) {
        reject(rc, invalid.toProxyError());
      } else {
        LOG.error("decoding a {} request failed", dialect.name(), failure);
        reject(rc, ProxyError.internal("the proxy failed to read the request"));
      }
    });
  }

  private Map<String, String> forwardedHeaders(RoutingContext rc) {
    if (door.forwardedHeaders().isEmpty()) {
      return Map.of();
    }
    Map<String, String> headers = new HashMap<>();
    for (String name : door.forwardedHeaders()) {
      String value = rc.request().getHeader(name);
      if (value != null) {
        headers.put(name, value);
      }
    }
    return headers;
  }

  private Decoded adapt(RoutingContext rc, Decoded decoded) {
    return new Decoded(decoded.body(), door.adapter().adapt(rc, decoded.request()));
  }

  private Decoded decode(Buffer body) {
    JsonNode json;
    try {
      json = Json.MAPPER.readTree(body.getBytes());
    } catch (JsonProcessingException e) {
      throw new InvalidRequestException("the request body is not valid JSON: " + e.getOriginalMessage(), null);
    } catch (IOException e) {
      throw new InvalidRequestException("the request body cannot be read", null);
    }
    return new Decoded(json, dialect.decodeRequest(json));
  }

  private void reject(RoutingContext rc, ProxyError error) {
    Replies.error(rc.response(), dialect, error);
  }

  /** A request body as the client sent it, and the request decoded from it. */
  private record Decoded(JsonNode body, ChatRequest request) {
  }

  /** A request ready to be served, and its session. */
  private record Admitted(ChatRequest request, SessionKeys.SessionKey session) {
  }
}
