package dev.lip.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lip.model.ChatEvent;
import dev.lip.model.ChatRequest;
import dev.lip.model.ProxyError;
import dev.lip.model.ResponseAccumulator;
import dev.lip.protocol.ClientDialect;
import dev.lip.protocol.Json;
import dev.lip.protocol.StreamEncoder;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fake provider of any dialect: a real HTTP server on 127.0.0.1 and a free port that answers with a
 * scripted canonical answer, rendered by that dialect's own encoder exactly as the provider would send
 * it (SSE when the request streams, JSON otherwise), or with an HTTP error in the dialect's error shape.
 * Every request is kept, decoded to canonical form, for assertions.
 */
public final class FakeProvider extends VerticleBase {
  private final ClientDialect dialect;
  public final List<ChatRequest> received = new CopyOnWriteArrayList<>();
  public final List<HttpServerRequest> rawRequests = new CopyOnWriteArrayList<>();
  /** The bodies as received, for fields the canonical form does not show as sent. */
  public final List<JsonNode> rawBodies = new CopyOnWriteArrayList<>();
  private volatile List<ChatEvent> script = List.of();
  private volatile ProxyError failure;
  private HttpServer server;

  /** @param dialect the provider's dialect: its client side renders what a provider of it sends */
  public FakeProvider(ClientDialect dialect) {
    this.dialect = dialect;
  }

  public int port() {
    return server.actualPort();
  }

  /** Answers every request with these events (from Started to a terminal event). */
  public void answer(List<ChatEvent> events) {
    script = List.copyOf(events);
    failure = null;
  }

  /** Answers every request with this error, before any output. */
  public void fail(ProxyError error) {
    failure = error;
  }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true))
        .requestHandler(this::handle)
        .listen(0, "127.0.0.1")
        .onSuccess(s -> server = s);
  }

  private void handle(HttpServerRequest request) {
    request.body().onSuccess(buffer -> {
      JsonNode body = Json.parseLenient(buffer.getBytes());
      rawRequests.add(request);
      rawBodies.add(body);
      received.add(dialect.decodeRequest(body));
      HttpServerResponse response = request.response();
      ProxyError error = failure;
      if (error != null) {
        if (error.retryAfterSeconds() != null) {
          response.putHeader("retry-after", String.valueOf(error.retryAfterSeconds()));
        }
        response.setStatusCode(error.httpStatus()).putHeader("content-type", "application/json")
            .end(Buffer.buffer(Json.bytes(dialect.errorBody(error))));
      } else if (streams(request, body)) {
        stream(response, received.get(received.size() - 1));
      } else {
        ResponseAccumulator accumulator = new ResponseAccumulator();
        script.forEach(accumulator::accept);
        response.putHeader("content-type", "application/json")
            .end(Buffer.buffer(Json.bytes(dialect.encodeResponse(accumulator.response()))));
      }
    });
  }

  private void stream(HttpServerResponse response, ChatRequest request) {
    StreamEncoder encoder = dialect.newStreamEncoder(request.withStream(true), 1_700_000_000L);
    response.setChunked(true).putHeader("content-type", "text/event-stream");
    for (ChatEvent event : script) {
      String frames = encoder.encode(event);
      if (!frames.isEmpty()) {
        response.write(frames);
      }
    }
    response.end();
  }

  private static boolean streams(HttpServerRequest request, JsonNode body) {
    return request.path().contains(":streamGenerateContent") || body.path("stream").asBoolean(false);
  }
}
