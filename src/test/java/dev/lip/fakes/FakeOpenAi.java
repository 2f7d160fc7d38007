package dev.lip.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lip.protocol.Json;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake OpenAI-compatible provider: a real HTTP server on 127.0.0.1 and a free port. Each test scripts
 * its answer with {@link #answer(Behaviour)}; every request it received is kept for assertions.
 */
public final class FakeOpenAi extends VerticleBase {

  /** What the fake does with one request. */
  @FunctionalInterface
  public interface Behaviour {
    void serve(HttpServerRequest request, JsonNode body, FakeOpenAi fake);
  }

  /** One request as the fake saw it. */
  public record Received(String method, String path, MultiMap headers, JsonNode body) {
  }

  public final List<Received> received = new CopyOnWriteArrayList<>();
  /** Connections that closed while a response was still being written. */
  public final AtomicInteger abortedResponses = new AtomicInteger();
  /** SSE events written by {@link #flood(int, String)}. */
  public final AtomicInteger floodWritten = new AtomicInteger();
  private volatile Behaviour behaviour = json(200, "{}");
  private HttpServer server;

  public int port() {
    return server.actualPort();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port() + "/v1";
  }

  public void answer(Behaviour next) {
    behaviour = next;
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
      JsonNode body = buffer.length() == 0 ? null : Json.parseLenient(buffer.getBytes());
      received.add(new Received(request.method().name(), request.path(), request.headers(), body));
      HttpServerResponse response = request.response();
      response.closeHandler(v -> {
        if (!response.ended()) {
          abortedResponses.incrementAndGet();
        }
      });
      behaviour.serve(request, body, this);
    });
  }

  /** Answers with a status and a JSON body. */
  public static Behaviour json(int status, String body) {
    return (request, json, fake) -> request.response().setStatusCode(status)
        .putHeader("content-type", "application/json").end(body);
  }

  /** Answers with a status, extra headers and a JSON body. */
  public static Behaviour json(int status, MultiMap headers, String body) {
    return (request, json, fake) -> {
      HttpServerResponse response = request.response().setStatusCode(status);
      response.headers().addAll(headers);
      response.putHeader("content-type", "application/json").end(body);
    };
  }

  /** Streams {@code payloads} as {@code data:} events, {@code intervalMs} apart, then {@code [DONE]}. */
  public static Behaviour sse(long intervalMs, String... payloads) {
    return (request, json, fake) -> fake.stream(request, List.of(payloads), intervalMs, true);
  }

  /** Streams {@code payloads}, then drops the connection without finishing the stream. */
  public static Behaviour sseThenDie(long intervalMs, String... payloads) {
    return (request, json, fake) -> fake.stream(request, List.of(payloads), intervalMs, false);
  }

  /**
   * Streams {@code count} copies of {@code payload} as fast as the connection takes them, respecting
   * backpressure, then a stop chunk and {@code [DONE]}; counts what it wrote in {@link #floodWritten}.
   */
  public static Behaviour flood(int count, String payload) {
    return (request, json, fake) -> {
      request.response().setChunked(true).putHeader("content-type", "text/event-stream");
      fake.floodNext(request.response(), count, "data: " + payload + "\n\n");
    };
  }

  /** Accepts the request and never answers. */
  public static Behaviour hang() {
    return (request, json, fake) -> { };
  }

  private void floodNext(HttpServerResponse response, int remaining, String event) {
    int left = remaining;
    while (left > 0 && !response.writeQueueFull() && !response.closed()) {
      response.write(event);
      floodWritten.incrementAndGet();
      left--;
    }
    if (response.closed()) {
      return;
    }
    if (left == 0) {
      response.end("data: " + Chunks.finish("stop") + "\n\ndata: [DONE]\n\n");
      return;
    }
    int rest = left;
    response.drainHandler(v -> floodNext(response, rest, event));
  }

  private void stream(HttpServerRequest request, List<String> payloads, long intervalMs, boolean finish) {
    request.response().setChunked(true).putHeader("content-type", "text/event-stream");
    writeNext(request, payloads, 0, intervalMs, finish);
  }

  private void writeNext(HttpServerRequest request, List<String> payloads, int index, long intervalMs,
      boolean finish) {
    HttpServerResponse response = request.response();
    if (response.closed()) {
      return;
    }
    if (index == payloads.size()) {
      if (finish) {
        response.end("data: [DONE]\n\n");
      } else {
        request.connection().close();
      }
      return;
    }
    response.write("data: " + payloads.get(index) + "\n\n");
    vertx.setTimer(Math.max(1, intervalMs), id -> writeNext(request, payloads, index + 1, intervalMs, finish));
  }
}
