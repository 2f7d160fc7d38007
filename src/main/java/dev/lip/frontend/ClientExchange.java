package dev.lip.frontend;

import dev.lip.bus.Addresses;
import dev.lip.bus.Call;
import dev.lip.bus.FlowControl;
import dev.lip.bus.LocalFirst;
import dev.lip.model.ChatEvent;
import dev.lip.model.ChatRequest;
import dev.lip.model.ProxyError;
import dev.lip.model.ResponseAccumulator;
import dev.lip.model.Usage;
import dev.lip.protocol.ClientDialect;
import dev.lip.protocol.StreamEncoder;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client request in flight on the frontend: sends the {@link Call}, receives the answer events on
 * its stream address and renders them in the door's dialect, as one JSON body or as SSE frames flushed
 * one by one. A {@link ChatEvent.Failed} before any {@link ChatEvent.Started} means that nothing could
 * start: the client gets an error status, unless keep-alives already began its stream. Confined to the
 * frontend verticle's event loop.
 */
final class ClientExchange {
  private static final Buffer KEEP_ALIVE = Buffer.buffer(": keep-alive\n\n");
  private static final CharSequence SESSION_HEADER = HttpHeaders.createOptimized("x-session-id");
  private static final CharSequence BACKEND_HEADER = HttpHeaders.createOptimized("x-llmproxy-backend");
  private static final CharSequence EVENT_STREAM = HttpHeaders.createOptimized("text/event-stream");
  private static final CharSequence NO_CACHE = HttpHeaders.createOptimized("no-cache");
  private static final CharSequence ACCEL_BUFFERING = HttpHeaders.createOptimized("x-accel-buffering");
  private static final CharSequence NO = HttpHeaders.createOptimized("no");

  private static final Logger LOG = LoggerFactory.getLogger(ClientExchange.class);
  private static final int CLIENT_GONE = 499;
  /**
   * Quiet time after which a resumed stream says "resume" again. Flow control is edge-triggered on the bus,
   * and a lost resume would otherwise leave the upstream paused until the stream's total timeout.
   */
  private static final long RESUME_AGAIN_MS = 1_000;
  /**
   * How long events may keep coming after a pause before it is said again: those already on their way
   * when the backend paused arrive within milliseconds, so more after this means the pause was lost.
   */
  private static final long PAUSE_AGAIN_MS = 100;

  private final Vertx vertx;
  private final LocalFirst localFirst;
  private final HttpServerResponse response;
  private final ClientDialect dialect;
  private final Door.Listener listener;
  private final ChatRequest request;
  private final String requestId;
  private final SessionKeys.SessionKey session;
  private final StreamLimits limits;
  private final Consumer<ClientExchange> onDone;
  private final String streamAddress;
  private final long startNanos = System.nanoTime();
  private final StreamEncoder encoder;
  private final ResponseAccumulator accumulator;
  private String backend;
  private boolean headWritten;
  private boolean finished;
  private boolean paused;
  private long pausedSince;
  /** When this stream last told its backend to pause. */
  private long pauseSaidAt;
  /** When this stream last told its backend to resume; 0 while it never paused. */
  private long resumedAt;
  private long lastWriteAt;
  /** When the last event came, or the call was made while none came yet. */
  private long lastEventAt;
  private int status = 200;
  private ProxyError error;
  private Usage usage = Usage.ZERO;
  /** SSE frames of the batch being handled, written together; {@code null} outside a batch. */
  private StringBuilder pendingFrames;

  ClientExchange(Vertx vertx, LocalFirst bus, HttpServerResponse response, Door door,
      ChatRequest request, String requestId, SessionKeys.SessionKey session, String streamAddress,
      StreamLimits limits, Consumer<ClientExchange> onDone) {
    this.vertx = vertx;
    this.localFirst = bus;
    this.response = response;
    this.dialect = door.dialect();
    this.listener = door.listener();
    this.request = request;
    this.requestId = requestId;
    this.session = session;
    this.limits = limits;
    this.onDone = onDone;
    this.streamAddress = streamAddress;
    this.encoder = request.stream()
        ? dialect.newStreamEncoder(request, System.currentTimeMillis() / 1000) : null;
    this.accumulator = request.stream() && listener == null ? null : new ResponseAccumulator();
    long now = System.currentTimeMillis();
    this.lastWriteAt = now;
    this.lastEventAt = now;
  }

  /**
   * Sends the call to the router. Every answer to the client, whether JSON, SSE or an error, echoes the
   * session id in {@code x-session-id}; the router gets the session key in the {@link Call}.
   */
  void start(String door, Map<String, String> headers) {
    response.closeHandler(v -> onClientGone());
    response.headers().add(SESSION_HEADER, session.id());
    localFirst.send(Addresses.ROUTER, new Call(requestId, session.key(), door, request, streamAddress, headers))
        .onFailure(failure -> fail(callFailure(failure)));
  }

  /** Checks keep-alive, slow-client and idle limits; called periodically by the verticle. */
  void tick(long now) {
    if (finished) {
      return;
    }
    if (encoder != null) {
      if (paused && now - pausedSince >= limits.slowClientMs()) {
        abandon();
        response.reset();
        return;
      }
      if (!paused && limits.keepAliveMs() > 0 && now - lastWriteAt >= limits.keepAliveMs()) {
        write(KEEP_ALIVE);
      }
      if (!paused && resumedAt > 0 && now - lastEventAt >= RESUME_AGAIN_MS && now - resumedAt >= RESUME_AGAIN_MS) {
        resume(now);
      }
    }
    if (backend == null) {
      if (now - lastEventAt >= limits.callTimeoutMs()) {
        fail(new ProxyError(ProxyError.Kind.TIMEOUT, 504, "no backend started answering in time", true,
            null, null));
      }
    } else if (!paused && now - lastEventAt >= limits.idleBoundMs()) {
      fail(new ProxyError(ProxyError.Kind.TIMEOUT, 504, "the backend went silent", true, null, null));
    }
  }

  /** The request id, which addresses this exchange's {@link dev.lip.bus.StreamEvent}s. */
  String requestId() {
    return requestId;
  }

  /** Handles answer events in order; the SSE frames they make are written to the client at once. */
  void onEvents(List<ChatEvent> events) {
    if (events.size() == 1) {
      onEvent(events.get(0));
      return;
    }
    pendingFrames = new StringBuilder();
    try {
      for (ChatEvent event : events) {
        onEvent(event);
      }
    } finally {
      writePendingFrames();
    }
  }

  private void onEvent(ChatEvent event) {
    if (finished) {
      return;
    }
    if (backend == null && event instanceof ChatEvent.Failed failed) {
      fail(failed.error());
      return;
    }
    lastEventAt = System.currentTimeMillis();
    if (event instanceof ChatEvent.Started started) {
      backend = started.backend();
    } else if (event instanceof ChatEvent.UsageReport report) {
      usage = usage.merge(report.usage());
    } else if (event instanceof ChatEvent.Failed failed) {
      error = failed.error();
    }
    if (accumulator != null) {
      accumulator.accept(event);
    }
    if (encoder != null) {
      String frames = encoder.encode(event);
      if (pendingFrames != null) {
        pendingFrames.append(frames);
      } else if (!frames.isEmpty()) {
        write(Buffer.buffer(frames));
      }
      if (event.terminal()) {
        writePendingFrames();
        response.end();
        answered();
        done();
      }
    } else if (event.terminal()) {
      if (accumulator.error() != null) {
        fail(accumulator.error());
      } else {
        putBackendHeader();
        Replies.json(response, 200, dialect.encodeResponseBytes(accumulator.response(), request));
        answered();
        done();
      }
    }
  }

  private void fail(ProxyError error) {
    if (finished) {
      return;
    }
    this.error = error;
    writePendingFrames();
    if (headWritten) {
      write(Buffer.buffer(encoder.encode(new ChatEvent.Failed(error))));
      response.end();
    } else {
      status = error.httpStatus();
      putBackendHeader();
      Replies.error(response, dialect, error);
    }
    done();
  }

  /** Writes the frames held back while a batch of events was handled, if any. */
  private void writePendingFrames() {
    StringBuilder frames = pendingFrames;
    pendingFrames = null;
    if (frames != null && frames.length() > 0) {
      write(Buffer.buffer(frames.toString()));
    }
  }

  private void write(Buffer frames) {
    if (!headWritten) {
      headWritten = true;
      response.setStatusCode(200).setChunked(true).headers()
          .add(HttpHeaders.CONTENT_TYPE, EVENT_STREAM)
          .add(HttpHeaders.CACHE_CONTROL, NO_CACHE)
          .add(ACCEL_BUFFERING, NO);
      putBackendHeader();
    }
    response.write(frames);
    lastWriteAt = System.currentTimeMillis();
    if (paused) {
      if (lastWriteAt - pauseSaidAt >= PAUSE_AGAIN_MS) {
        pause(lastWriteAt);
      }
    } else if (backend != null && response.writeQueueFull()) {
      paused = true;
      pausedSince = lastWriteAt;
      pause(lastWriteAt);
      response.drainHandler(v -> {
        if (paused && !finished) {
          paused = false;
          lastEventAt = System.currentTimeMillis();
          resume(lastEventAt);
        }
      });
    }
  }

  /** Tells the backend to stop reading upstream; saying it twice does no harm. */
  private void pause(long now) {
    pauseSaidAt = now;
    vertx.eventBus().publish(Addresses.flow(backend), new FlowControl(requestId, true));
  }

  /** Tells the backend to read upstream again; saying it twice does no harm. */
  private void resume(long now) {
    resumedAt = now;
    vertx.eventBus().publish(Addresses.flow(backend), new FlowControl(requestId, false));
  }

  private void answered() {
    if (listener != null && accumulator.error() == null) {
      listener.answered(request, accumulator.response(), session);
    }
  }

  private void putBackendHeader() {
    if (backend != null) {
      response.headers().add(BACKEND_HEADER, backend);
    }
  }

  private void onClientGone() {
    if (!finished) {
      abandon();
    }
  }

  /** Stops everything and tells the backend to drop the upstream call. */
  private void abandon() {
    status = CLIENT_GONE;
    vertx.eventBus().publish(Addresses.CANCEL, requestId);
    done();
  }

  private void done() {
    finished = true;
    log();
    onDone.accept(this);
  }

  /** One line per request: at WARN when the proxy or an upstream failed, else at DEBUG. */
  private void log() {
    boolean failed = status >= 500 || error != null && error.httpStatus() >= 500;
    if (failed ? !LOG.isWarnEnabled() : !LOG.isDebugEnabled()) {
      return;
    }
    String line = "request " + requestId + " door=" + dialect.name() + " session=" + session.id() + " ("
        + session.source() + ") backend=" + backend + " model=" + request.selector() + " stream="
        + request.stream() + " status=" + status + " ms="
        + (System.nanoTime() - startNanos) / 1_000_000 + " tokens=" + usage.inputTokens() + "/"
        + usage.outputTokens() + (error == null ? "" : " error=\"" + error.message() + "\"");
    if (failed) {
      LOG.warn(line);
    } else {
      LOG.debug(line);
    }
  }

  private static ProxyError callFailure(Throwable failure) {
    if (LocalFirst.noHandler(failure)) {
      return ProxyError.of(ProxyError.Kind.UNAVAILABLE, "the router is not running");
    }
    return ProxyError.internal("routing failed: " + failure.getMessage());
  }
}
