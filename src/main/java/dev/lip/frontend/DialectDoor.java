package dev.lip.frontend;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lip.bus.LocalFirst;
import dev.lip.model.ChatRequest;
import dev.lip.model.ProxyError;
import dev.lip.protocol.ClientDialect;
import dev.lip.protocol.InvalidRequestException;
import dev.lip.protocol.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one {@link Door}: parses and decodes the body, lets the door complete the request, then hands
 * it to a {@link ClientExchange}. Bad input gets a 400 in the door's own error dialect.
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
  private final String streamAddress;
  private final Consumer<ClientExchange> onStart;
  private final Consumer<ClientExchange> onDone;

  DialectDoor(Vertx vertx, Door door, String streamAddress, StreamLimits limits,
      Consumer<ClientExchange> onStart, Consumer<ClientExchange> onDone) {
    this.vertx = vertx;
    this.bus = new LocalFirst(vertx.eventBus());
    this.door = door;
    this.dialect = door.dialect();
    this.limits = limits;
    this.streamAddress = streamAddress;
    this.onStart = onStart;
    this.onDone = onDone;
  }

  /** Serves a chat request. */
  void handle(RoutingContext rc) {
    decoded(rc).onSuccess(request -> {
      ClientExchange exchange = new ClientExchange(vertx, bus, rc.response(), door, request,
          rc.get(RequestIds.CONTEXT_KEY), streamAddress, limits, onDone);
      onStart.accept(exchange);
      exchange.start(dialect.name(), forwardedHeaders(rc));
    });
  }

  /** Serves a token-count request: the estimate, in the shape {@code shape} gives it. */
  void countTokens(RoutingContext rc, LongFunction<JsonNode> shape) {
    decoded(rc).onSuccess(request -> Replies.json(rc.response(), 200, shape.apply(TokenEstimate.of(request))));
  }

  /** The request, decoded and completed by the door; a failure has already been answered. */
  private Future<ChatRequest> decoded(RoutingContext rc) {
    Buffer body = rc.body().buffer();
    if (body == null || body.length() == 0) {
      reject(rc, ProxyError.invalidRequest("the request body is empty: a JSON object is required"));
      return Future.failedFuture("empty body");
    }
    Future<ChatRequest> decoded;
    if (body.length() > LARGE_BODY_BYTES) {
      decoded = vertx.executeBlocking(() -> decode(body), false)
          .map(request -> door.adapter().adapt(rc, request));
    } else {
      try {
        decoded = Future.succeededFuture(door.adapter().adapt(rc, decode(body)));
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

  private ChatRequest decode(Buffer body) {
    JsonNode json;
    try {
      json = Json.MAPPER.readTree(body.getBytes());
    } catch (JsonProcessingException e) {
      throw new InvalidRequestException("the request body is not valid JSON: " + e.getOriginalMessage(), null);
    } catch (IOException e) {
      throw new InvalidRequestException("the request body cannot be read", null);
    }
    return dialect.decodeRequest(json);
  }

  private void reject(RoutingContext rc, ProxyError error) {
    Replies.error(rc.response(), dialect, error);
  }
}
