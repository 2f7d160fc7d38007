package dev.lip.backend.providers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lip.backend.EventSink;
import dev.lip.backend.UpstreamCall;
import dev.lip.config.Secrets;
import dev.lip.model.ChatEvent;
import dev.lip.model.ChatResponse;
import dev.lip.model.ProxyError;
import dev.lip.protocol.ProviderAnswer;
import dev.lip.protocol.StreamDecoder;
import dev.lip.protocol.WireDialect;
import dev.lip.protocol.sse.SseEvent;
import dev.lip.protocol.sse.SseEventParser;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.parsetools.RecordParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/** One HTTP exchange with a provider: sends the request, decodes the answer, obeys pause and cancel. */
final class HttpCall implements UpstreamCall {
  /** A call that already failed and has nothing to control. */
  static final UpstreamCall NOTHING = new UpstreamCall() {
    @Override
    public void pause() {
    }

    @Override
    public void resume() {
    }

    @Override
    public void cancel() {
    }
  };

  private static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

  private final WireDialect dialect;
  private final boolean stream;
  private final EventSink sink;
  private final List<String> secrets;
  private UpstreamConnections.Lease lease;
  private boolean retried;
  private HttpClientRequest request;
  private RecordParser lines;
  private boolean paused;
  private boolean cancelled;

  HttpCall(WireDialect dialect, boolean stream, EventSink sink, List<String> secrets) {
    this.dialect = dialect;
    this.stream = stream;
    this.sink = sink;
    this.secrets = secrets;
  }

  /**
   * Sends the request over the lent connection, which goes back when the answer ended cleanly. When a
   * reused connection fails before any answer, as one the upstream closed while idle does, the request
   * goes once more over a new connection.
   *
   * @param headers writes the request headers, straight into the request's own header map
   */
  void send(UpstreamConnections connections, UpstreamConnections.Lease lent, RequestOptions options,
      Consumer<MultiMap> headers, Buffer payload) {
    if (cancelled) {
      lent.release();
      return;
    }
    lease = lent;
    Consumer<Throwable> failed = failure -> {
      if (lent.reused() && !retried && !cancelled) {
        retried = true;
        connections.acquireFresh().onComplete(fresh -> {
          if (fresh.succeeded()) {
            send(connections, fresh.result(), options, headers, payload);
          } else {
            fail(fresh.cause());
          }
        });
      } else {
        fail(failure);
      }
    };
    lent.connection().request(options).onComplete(created -> {
      if (created.failed()) {
        failed.accept(created.cause());
        return;
      }
      HttpClientRequest req = created.result();
      if (cancelled) {
        // Nothing was written yet: dropping the unsent request leaves the connection fit for the next one.
        req.reset();
        lent.release();
        return;
      }
      request = req;
      headers.accept(req.headers());
      req.send(payload).onComplete(ar -> {
        if (ar.succeeded()) {
          onResponse(ar.result());
        } else {
          failed.accept(ar.cause());
        }
      });
    });
  }

  /** The answer was read to its end: the connection may serve another request. */
  private void ended(HttpClientResponse response) {
    if (!cancelled) {
      lease.releaseAfter(response);
    }
  }

  void fail(Throwable failure) {
    if (!cancelled) {
      sink.accept(new ChatEvent.Failed(UpstreamErrors.fromFailure(failure)));
    }
  }

  @Override
  public void pause() {
    paused = true;
    if (lines != null) {
      lines.pause();
    }
  }

  @Override
  public void resume() {
    paused = false;
    if (lines != null) {
      lines.resume();
    }
  }

  @Override
  public void cancel() {
    cancelled = true;
    if (request != null) {
      request.reset();
    }
  }

  private void onResponse(HttpClientResponse response) {
    if (cancelled) {
      return;
    }
    if (response.statusCode() != 200) {
      Long retryAfter = UpstreamErrors.retryAfterSeconds(response.getHeader("retry-after"));
      response.body().onComplete(ar -> {
        if (ar.succeeded()) {
          ended(response);
        }
        JsonNode body = ar.succeeded() ? HttpProvider.parse(ar.result()) : null;
        String message = body == null ? null : Secrets.redact(dialect.errorMessage(body), secrets);
        String code = body == null ? null : Secrets.redact(dialect.errorCode(body), secrets);
        deliver(new ChatEvent.Failed(UpstreamErrors.fromStatus(response.statusCode(), message, code, retryAfter)));
      });
    } else if (stream) {
      readStream(response);
    } else {
      response.body().onComplete(ar -> {
        if (ar.failed()) {
          fail(ar.cause());
          return;
        }
        ended(response);
        ProviderAnswer answer;
        try {
          answer = dialect.decodeAnswer(ar.result().getBytes());
        } catch (RuntimeException e) {
          answer = new ProviderAnswer.Unreadable(String.valueOf(e.getMessage()));
        }
        if (answer instanceof ProviderAnswer.Unreadable unreadable) {
          deliver(new ChatEvent.Failed(new ProxyError(ProxyError.Kind.UPSTREAM, 502,
              "upstream answer could not be read: " + unreadable.reason(), true, null, null)));
        } else if (answer instanceof ProviderAnswer.Failed failed) {
          String message = Secrets.redact(failed.message(), secrets);
          deliver(new ChatEvent.Failed(UpstreamErrors.fromStatus(502, message, null, null)));
        } else if (answer instanceof ProviderAnswer.Decoded decoded) {
          deliverAll(decoded.response());
        }
      });
    }
  }

  /** The answer's events as one batch, without {@link ChatEvent.Started}: the exchange sends that itself. */
  private void deliverAll(ChatResponse answer) {
    sink.batch(() -> {
      for (ChatEvent event : answer.toEvents()) {
        if (!(event instanceof ChatEvent.Started)) {
          deliver(event);
        }
      }
    });
  }

  private void readStream(HttpClientResponse response) {
    StreamDecoder decoder = dialect.newStreamDecoder();
    SseEventParser sse = new SseEventParser();
    lines = RecordParser.newDelimited("\n", new ReadBatches(response, sink));
    lines.maxRecordSize(MAX_LINE_BYTES);
    lines.handler(line -> {
      SseEvent event = sse.line(line.toString(StandardCharsets.UTF_8));
      if (event != null && !cancelled) {
        decoder.onEvent(event.event(), event.data(), sink);
      }
    });
    lines.endHandler(v -> {
      ended(response);
      SseEvent last = sse.finish();
      if (last != null && !cancelled) {
        decoder.onEvent(last.event(), last.data(), sink);
      }
      if (!cancelled) {
        decoder.onEnd(sink);
      }
    });
    lines.exceptionHandler(failure -> {
      if (!cancelled) {
        sink.accept(new ChatEvent.Failed(new ProxyError(ProxyError.Kind.UPSTREAM, 502,
            "upstream stream broke: " + failure.getMessage(), true, null, null)));
      }
    });
    if (paused) {
      lines.pause();
    }
  }

  private void deliver(ChatEvent event) {
    if (!cancelled) {
      sink.accept(event);
    }
  }
}
