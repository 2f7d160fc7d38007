package dev.lip.loadtest;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.streams.Pipe;
import java.util.concurrent.TimeUnit;

/**
 * One event loop's share of the bare pass-through: an HTTP server on 127.0.0.1 that re-sends each
 * request (method, URI, content type, body bytes unchanged) over a keep-alive pool to the upstream
 * on 127.0.0.1, and pipes the answer (status, content type, body) back chunk by chunk, so streamed
 * (SSE) answers are forwarded as they arrive. No parsing, no JSON: the least work an
 * HTTP-terminating proxy can do.
 */
final class PassthroughVerticle extends VerticleBase {
  private static final String LOOPBACK = "127.0.0.1";
  /** Upstream connections per verticle (per event loop). */
  private static final int POOL_SIZE = 100;
  /** Requests allowed to wait for a pooled connection; beyond this they fail with 502. */
  private static final int MAX_WAIT_QUEUE = 10_000;
  private static final CharSequence TEXT = HttpHeaders.createOptimized("text/plain");

  private final int port;
  private final int upstreamPort;
  private final long timeoutMs;
  private HttpServer server;
  private HttpClient client;

  PassthroughVerticle(int port, int upstreamPort, long timeoutMs) {
    this.port = port;
    this.upstreamPort = upstreamPort;
    this.timeoutMs = timeoutMs;
  }

  @Override
  public Future<?> start() {
    client = vertx.createHttpClient(
        new HttpClientOptions()
            .setKeepAlive(true)
            .setTcpNoDelay(true)
            .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMs))
            // Closes an upstream connection silent for that long: no answer, or a stream stalled
            // between two chunks (a request's own idle timeout ends with the response headers).
            .setIdleTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMs))
            .setIdleTimeoutUnit(TimeUnit.MILLISECONDS),
        new PoolOptions().setHttp1MaxSize(POOL_SIZE).setMaxWaitQueueSize(MAX_WAIT_QUEUE));
    HttpServerOptions options = new HttpServerOptions()
        .setHost(LOOPBACK)
        .setPort(port)
        .setTcpNoDelay(true)
        .setCompressionSupported(false);
    server = vertx.createHttpServer(options).requestHandler(this::handle);
    return server.listen();
  }

  /** Port actually bound (useful when started on port 0). */
  int actualPort() {
    return server.actualPort();
  }

  private void handle(HttpServerRequest req) {
    HttpServerResponse resp = req.response();
    RequestOptions upstream = upstreamRequest(req);
    req.body()
        .compose(body -> client.request(upstream).compose(call -> call.send(body)))
        .onSuccess(answer -> relay(answer, resp))
        .onFailure(err -> badGateway(resp, err));
  }

  /** Same method, URI and content type, to the upstream; waiting for a connection is bounded. */
  private RequestOptions upstreamRequest(HttpServerRequest req) {
    RequestOptions options = new RequestOptions()
        .setMethod(req.method())
        .setHost(LOOPBACK)
        .setPort(upstreamPort)
        .setURI(req.uri())
        .setConnectTimeout(timeoutMs);
    String contentType = req.getHeader(HttpHeaders.CONTENT_TYPE);
    if (contentType != null) {
      options.putHeader(HttpHeaders.CONTENT_TYPE, contentType);
    }
    return options;
  }

  /**
   * Copies status and content type, then pipes the body. A failure half-way (upstream idle
   * timeout, client gone) resets both sides instead of ending a truncated answer as if complete.
   */
  private static void relay(HttpClientResponse answer, HttpServerResponse resp) {
    Pipe<Buffer> pipe = answer.pipe().endOnFailure(false);
    resp.setStatusCode(answer.statusCode());
    String contentType = answer.getHeader(HttpHeaders.CONTENT_TYPE);
    if (contentType != null) {
      resp.putHeader(HttpHeaders.CONTENT_TYPE, contentType);
    }
    String length = answer.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null) {
      resp.putHeader(HttpHeaders.CONTENT_LENGTH, length);
    } else {
      resp.setChunked(true);
    }
    pipe.to(resp).onFailure(err -> {
      answer.request().reset();
      resp.reset();
    });
  }

  private static void badGateway(HttpServerResponse resp, Throwable err) {
    if (resp.closed()) {
      return;
    }
    resp.setStatusCode(502)
        .putHeader(HttpHeaders.CONTENT_TYPE, TEXT)
        .end("pass-through: upstream failed: " + err.getMessage());
  }
}
