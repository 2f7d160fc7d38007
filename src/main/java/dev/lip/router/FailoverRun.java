package dev.lip.router;

import dev.lip.bus.Addresses;
import dev.lip.bus.Call;
import dev.lip.bus.CallOutcome;
import dev.lip.bus.Dispatch;
import dev.lip.bus.Headers;
import dev.lip.bus.LocalFirst;
import dev.lip.config.BackendConfig;
import dev.lip.config.FailoverSettings;
import dev.lip.config.TimeBudgets;
import dev.lip.model.ChatEvent;
import dev.lip.model.ChatRequest;
import dev.lip.model.ProxyError;
import dev.lip.model.TokenEstimate;
import dev.lip.session.Overrides;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One request's way through its {@link Plan}: dispatches to one target at a time until one starts
 * answering. Before any output reached the client, a failure moves on: a rate limit or an unavailable
 * backend whose {@code Retry-After} fits in {@link FailoverSettings#maxSilentWaitMs()} is waited out and
 * the same target tried again (a streaming client gets keep-alives from its frontend meanwhile); anything
 * else goes to the next target. Hops and total time are bounded; the final error says what was tried.
 * Confined to the router's event loop.
 */
final class FailoverRun {
  private final Vertx vertx;
  private final LocalFirst bus;
  private final Message<Call> message;
  private final String requestId;
  private final String sessionKey;
  private final Plan plan;
  private final Overrides overrides;
  private final FailoverSettings settings;
  private final Consumer<FailoverRun> onDone;
  private final long deadline;
  private final long estimatedTokens;
  private final List<String> tried = new ArrayList<>();
  private int hops;
  private long waitTimer = -1;
  private boolean done;

  FailoverRun(Vertx vertx, LocalFirst bus, Message<Call> message, String requestId, String sessionKey, Plan plan,
      ChatRequest request, Overrides overrides, FailoverSettings settings, Consumer<FailoverRun> onDone) {
    this.vertx = vertx;
    this.bus = bus;
    this.message = message;
    this.requestId = requestId;
    this.sessionKey = sessionKey;
    this.plan = plan;
    this.overrides = overrides;
    this.settings = settings;
    this.onDone = onDone;
    this.deadline = System.currentTimeMillis() + settings.timeBudgetMs();
    this.estimatedTokens = plan.needsEstimate() ? TokenEstimate.of(request) : 0;
  }

  String requestId() {
    return requestId;
  }

  void start() {
    next(null);
  }

  /** The client went away: no further attempt. */
  void cancel() {
    if (done) {
      return;
    }
    if (waitTimer >= 0) {
      vertx.cancelTimer(waitTimer);
    }
    // Nobody reads this reply, but it frees the caller's reply handler at once.
    message.reply(new CallOutcome.Rejected(ProxyError.of(ProxyError.Kind.CANCELLED, "the client went away")));
    finish();
  }

  private void next(ProxyError last) {
    Plan.Candidate candidate = plan.next(estimatedTokens);
    if (candidate == null) {
      reject(last != null ? last : ProxyError.notFound("no target of the selector fits this request: "
          + String.join(", ", plan.skipped())));
      return;
    }
    dispatch(candidate.route());
  }

  private void dispatch(RouteResolver.Route route) {
    hops++;
    BackendConfig backend = route.backend();
    long totalMs = backend.timeouts().totalMs();
    Call call = message.body();
    Dispatch dispatch = new Dispatch(requestId, SessionRouting.withOverrides(route.request(), overrides),
        call.streamAddress(), totalMs > 0 ? System.currentTimeMillis() + totalMs : 0, call.headers());
    DeliveryOptions options = new DeliveryOptions()
        .setSendTimeout(TimeBudgets.dispatchTimeoutMs(backend))
        .addHeader(Headers.REQUEST_ID, requestId);
    if (sessionKey != null) {
      options.addHeader(Headers.SESSION_ID, sessionKey);
    }
    bus.request(Addresses.backend(backend.name()), dispatch, options).onComplete(ar -> {
      if (done) {
        return;
      }
      if (ar.failed()) {
        failed(route, dispatchFailure(backend.name(), ar.cause()));
      } else if (ar.result().body() instanceof ChatEvent.Started started) {
        message.reply(new CallOutcome.Routed(Interaction.displayId(sessionKey == null ? "" : sessionKey),
            started.backend(), started.model()));
        finish();
      } else if (ar.result().body() instanceof CallOutcome.Rejected rejected) {
        failed(route, rejected.error());
      } else {
        failed(route, ProxyError.internal("unexpected reply from backend " + backend.name()));
      }
    });
  }

  private void failed(RouteResolver.Route route, ProxyError error) {
    tried.add(RouteResolver.describe(route) + ": " + error.message());
    if (error.kind() == ProxyError.Kind.CANCELLED) {
      message.reply(new CallOutcome.Rejected(error));
      finish();
      return;
    }
    long now = System.currentTimeMillis();
    if (hops >= settings.maxHops()) {
      reject(error);
      return;
    }
    Long retryAfterSeconds = error.retryAfterSeconds();
    if (retryAfterSeconds != null && waitable(error)) {
      long waitMs = Math.max(0, retryAfterSeconds) * 1000;
      if (waitMs <= settings.maxSilentWaitMs() && now + waitMs < deadline) {
        waitTimer = vertx.setTimer(Math.max(1, waitMs), id -> {
          waitTimer = -1;
          if (!done) {
            dispatch(route);
          }
        });
        return;
      }
    }
    if (now >= deadline) {
      reject(error);
      return;
    }
    next(error);
  }

  private static boolean waitable(ProxyError error) {
    return error.kind() == ProxyError.Kind.RATE_LIMITED || error.kind() == ProxyError.Kind.UNAVAILABLE;
  }

  private void reject(ProxyError error) {
    ProxyError reported = tried.size() <= 1 ? error
        : error.withMessage(error.message() + " (tried: " + String.join("; ", tried) + ")");
    message.reply(new CallOutcome.Rejected(reported));
    finish();
  }

  private void finish() {
    if (!done) {
      done = true;
      onDone.accept(this);
    }
  }

  private static ProxyError dispatchFailure(String backend, Throwable failure) {
    if (failure instanceof ReplyException re && re.failureType() == ReplyFailure.NO_HANDLERS) {
      return new ProxyError(ProxyError.Kind.UNAVAILABLE, 503, "backend '" + backend + "' is not running", true,
          null, null);
    }
    if (failure instanceof ReplyException re && re.failureType() == ReplyFailure.TIMEOUT) {
      return new ProxyError(ProxyError.Kind.TIMEOUT, 504,
          "backend '" + backend + "' did not start answering in time", true, null, null);
    }
    return ProxyError.internal("dispatch to backend '" + backend + "' failed: " + failure.getMessage());
  }
}
