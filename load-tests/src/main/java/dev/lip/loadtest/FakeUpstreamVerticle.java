package dev.lip.loadtest;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/** One event loop's share of the fake OpenAI upstream: an HTTP server on 127.0.0.1. */
final class FakeUpstreamVerticle extends VerticleBase {
  private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");
  private static final CharSequence SSE = HttpHeaders.createOptimized("text/event-stream");
  private static final CharSequence NO_CACHE = HttpHeaders.createOptimized("no-cache");

  private final int port;
  private final FakeResponses responses;
  private final long chunkDelayMs;
  private HttpServer server;

  FakeUpstreamVerticle(int port, FakeResponses responses, long chunkDelayMs) {
    this.port = port;
    this.responses = responses;
    this.chunkDelayMs = chunkDelayMs;
  }

  @Override
  public Future<?> start() {
    HttpServerOptions options = new HttpServerOptions()
        .setHost("127.0.0.1")
        .setPort(port)
        .setTcpNoDelay(true)
        .setCompressionSupported(false)
        .setIdleTimeout(0);
    server = vertx.createHttpServer(options).requestHandler(this::handle);
    return server.listen();
  }

  /** Port actually bound (useful when started on port 0). */
  int actualPort() {
    return server.actualPort();
  }

  private void handle(HttpServerRequest req) {
    String path = req.path();
    if (req.method() == HttpMethod.POST && path.endsWith("/chat/completions")) {
      req.body().onComplete(ar -> {
        if (ar.failed()) {
          req.response().setStatusCode(400).end();
        } else if (FakeResponses.wantsStream(ar.result().toString())) {
          stream(req.response());
        } else {
          send(req.response(), responses.completion);
        }
      });
    } else if (req.method() == HttpMethod.GET && path.endsWith("/models")) {
      send(req.response(), responses.models);
    } else {
      req.response().setStatusCode(404).end();
    }
  }

  private static void send(HttpServerResponse resp, byte[] body) {
    resp.headers().set(HttpHeaders.CONTENT_TYPE, JSON);
    resp.end(Buffer.buffer(body));
  }

  private void stream(HttpServerResponse resp) {
    MultiMap headers = resp.headers();
    headers.set(HttpHeaders.CONTENT_TYPE, SSE);
    headers.set(HttpHeaders.CACHE_CONTROL, NO_CACHE);
    resp.setChunked(true);
    byte[][] events = responses.streamEvents;
    if (chunkDelayMs <= 0) {
      for (int i = 0; i < events.length - 1; i++) {
        resp.write(Buffer.buffer(events[i]));
      }
      resp.end(Buffer.buffer(events[events.length - 1]));
    } else {
      writeDelayed(resp, events, 0);
    }
  }

  private void writeDelayed(HttpServerResponse resp, byte[][] events, int next) {
    if (resp.closed()) {
      return;
    }
    if (next == events.length - 1) {
      resp.end(Buffer.buffer(events[next]));
      return;
    }
    resp.write(Buffer.buffer(events[next]));
    vertx.setTimer(chunkDelayMs, id -> writeDelayed(resp, events, next + 1));
  }
}
