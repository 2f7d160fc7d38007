package dev.lip.backend;

import dev.lip.backend.resilience.KeyPool;
import dev.lip.bus.Dispatch;
import dev.lip.bus.DispatchOutcome;
import dev.lip.bus.StreamEvent;
import dev.lip.config.Timeouts;
import dev.lip.model.ChatEvent;
import dev.lip.model.ProxyError;
import io.vertx.core.eventbus.EventBus;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One dispatch being served: holds the answer back until its first content event (so that a failure
 * before it stays invisible and the router can fail over), then forwards every event to the stream
 * address, the events of one {@link #batch} in one message. The router learns which of the two happened
 * from a {@link DispatchOutcome}. Confined to the backend verticle's event loop.
 */
final class Exchange implements EventSink {
  private final EventBus bus;
  private final Dispatch dispatch;
  private final String backend;
  private final Timeouts timeouts;
  private final Consumer<DispatchOutcome> onOutcome;
  private final Consumer<Exchange> onDone;
  private final BackendGuards guards;
  private final BackendGuards.Admitted admitted;
  private final String sessionKey;
  private KeyPool.Lease lease;
  private Provider provider;
  private long startedAt;
  private long tokens;
  private final List<ChatEvent> held = new ArrayList<>(2);
  /** The events of the batch being delivered, or {@code null} outside a batch. */
  private List<ChatEvent> batch;
  private UpstreamCall call;
  private boolean started;
  private boolean done;
  private boolean paused;
  private long lastEventAt;

  /**
   * @param admitted   the permit and key the guards gave this dispatch
   * @param sessionKey the session, for key affinity when another key is needed; {@code null} when none
   * @param onOutcome  tells the router of the dispatch whether it started answering
   */
  Exchange(EventBus bus, Dispatch dispatch, String backend, Timeouts timeouts, long now, BackendGuards guards,
      BackendGuards.Admitted admitted, String sessionKey, Consumer<DispatchOutcome> onOutcome,
      Consumer<Exchange> onDone) {
    this.bus = bus;
    this.guards = guards;
    this.admitted = admitted;
    this.lease = admitted.lease();
    this.sessionKey = sessionKey;
    this.dispatch = dispatch;
    this.backend = backend;
    this.timeouts = timeouts;
    this.onOutcome = onOutcome;
    this.onDone = onDone;
    this.startedAt = now;
    this.lastEventAt = now;
  }

  String requestId() {
    return dispatch.requestId();
  }

  void start(Provider provider) {
    this.provider = provider;
    UpstreamCall c = provider.start(dispatch, lease.key(), this);
    if (done) {
      c.cancel();
    } else {
      call = c;
      if (paused) {
        c.pause();
      }
    }
  }

  @Override
  public void batch(Runnable delivery) {
    if (batch != null) {
      delivery.run();
      return;
    }
    List<ChatEvent> events = new ArrayList<>(4);
    batch = events;
    try {
      delivery.run();
    } finally {
      batch = null;
      if (!events.isEmpty()) {
        bus.send(dispatch.streamAddress(), new StreamEvent(requestId(), events));
      }
    }
  }

  @Override
  public void accept(ChatEvent event) {
    if (done) {
      return;
    }
    lastEventAt = System.currentTimeMillis();
    if (event instanceof ChatEvent.UsageReport report) {
      tokens += report.usage().inputTokens() + report.usage().outputTokens();
    }
    if (started) {
      forward(event);
    } else if (event instanceof ChatEvent.Failed failed) {
      reject(failed.error());
    } else if (isContent(event) || event.terminal()) {
      begin();
      forward(event);
    } else {
      held.add(event);
    }
  }

  /** Checks the time limits; called periodically by the owning verticle. */
  void checkTimeouts(long now) {
    if (dispatch.deadlineEpochMillis() > 0 && now >= dispatch.deadlineEpochMillis()) {
      abort(timeout("the request exceeded its total time budget"));
    } else if (!started && timeouts.firstByteMs() > 0 && now - startedAt >= timeouts.firstByteMs()) {
      abort(timeout("no answer from upstream within " + timeouts.firstByteMs() + " ms"));
    } else if (started && !paused && timeouts.idleMs() > 0 && now - lastEventAt >= timeouts.idleMs()) {
      abort(timeout("upstream went silent for " + timeouts.idleMs() + " ms"));
    }
  }

  /** The client went away: stop the upstream call and tell nobody. */
  void cancel() {
    abort(ProxyError.of(ProxyError.Kind.CANCELLED, "the client cancelled the request"));
  }

  /**
   * Pauses or resumes reading the upstream answer. A repeated resume still reaches the upstream call, so
   * that a frontend saying it again unsticks a read that stopped for any reason.
   */
  void pause(boolean pause) {
    if (done) {
      return;
    }
    if (pause != paused) {
      paused = pause;
      lastEventAt = System.currentTimeMillis();
    }
    if (call != null) {
      if (pause) {
        call.pause();
      } else {
        call.resume();
      }
    }
  }

  private void abort(ProxyError error) {
    if (done) {
      return;
    }
    if (call != null) {
      call.cancel();
    }
    if (started) {
      forward(new ChatEvent.Failed(error));
    } else {
      reject(error);
    }
  }

  private void begin() {
    started = true;
    send(new ChatEvent.Started(requestId(), backend, dispatch.request().selector()));
    for (ChatEvent e : held) {
      send(e);
    }
    held.clear();
    onOutcome.accept(DispatchOutcome.started(dispatch));
  }

  private void forward(ChatEvent event) {
    send(event);
    if (event.terminal()) {
      finish(event instanceof ChatEvent.Failed failed ? failed.error() : null);
    }
  }

  /** Nothing reached the client yet: another key of this backend, or the router's next target. */
  private void reject(ProxyError error) {
    KeyPool.Lease next = guards.afterFailure(lease, error, sessionKey);
    if (next != null) {
      lease = next;
      held.clear();
      startedAt = System.currentTimeMillis();
      call = null;
      start(provider);
      return;
    }
    onOutcome.accept(DispatchOutcome.rejected(dispatch, error));
    finish(error);
  }

  private void send(ChatEvent event) {
    if (batch != null) {
      batch.add(event);
    } else {
      bus.send(dispatch.streamAddress(), new StreamEvent(requestId(), event));
    }
  }

  private void finish(ProxyError error) {
    done = true;
    guards.ended(admitted, lease, error, tokens);
    onDone.accept(this);
  }

  private static boolean isContent(ChatEvent event) {
    return event instanceof ChatEvent.TextDelta || event instanceof ChatEvent.ThinkingDelta
        || event instanceof ChatEvent.RedactedThinking || event instanceof ChatEvent.ToolCallStarted;
  }

  private static ProxyError timeout(String message) {
    return new ProxyError(ProxyError.Kind.TIMEOUT, 504, message, true, null, null);
  }
}
