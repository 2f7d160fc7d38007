package dev.lip.router;

import dev.lip.bus.Addresses;
import dev.lip.bus.Call;
import dev.lip.bus.Dispatch;
import dev.lip.bus.DispatchOutcome;
import dev.lip.bus.LocalFirst;
import dev.lip.config.BackendConfig;
import dev.lip.config.FailoverSettings;
import dev.lip.config.TimeBudgets;
import dev.lip.model.ChatRequest;
import dev.lip.model.ProxyError;
import dev.lip.model.TokenEstimate;
import dev.lip.session.Overrides;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One request's way through its {@link Plan}: dispatches to one target at a time until one starts
 * answering. Before any output reached the client, a failure moves on: a rate limit or an unavailable
 * backend whose {@code Retry-After} fits in {@link FailoverSettings#maxSilentWaitMs()} is waited out and
 * the same target tried again (a streaming client gets keep-alives from its frontend meanwhile); anything
 * else goes to the next target. Hops and total time are bounded; the final error says what was tried,
 * and goes to the client's stream. Each attempt waits for its {@link DispatchOutcome} until a deadline
 * the router checks by sweeping ({@link #checkDeadline}). Confined to the router's event loop.
 */
final class FailoverRun {
  private final Vertx vertx;
  private final LocalFirst bus;
  private final Call call;
  private final ClientStream stream;
  private final String outcomeAddress;
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
  /** The target of the attempt waiting for its outcome, else {@code null}. */
  private RouteResolver.Route pending;
  private long pendingDeadline;
  private boolean done;

  /**
   * @param stream         where the client learns that nothing could start
   * @param outcomeAddress where backends send the {@link DispatchOutcome}s of this router instance
   */
  FailoverRun(Vertx vertx, LocalFirst bus, Call call, ClientStream stream, String outcomeAddress,
      String sessionKey, Plan plan, ChatRequest request, Overrides overrides, FailoverSettings settings,
      Consumer<FailoverRun> onDone) {
    this.vertx = vertx;
    this.bus = bus;
    this.call = call;
    this.stream = stream;
    this.outcomeAddress = outcomeAddress;
    this.requestId = stream.requestId();
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
    finish();
  }

  /** A backend says how an attempt went; outcomes of attempts given up on are ignored. */
  void onOutcome(DispatchOutcome outcome) {
    if (done || pending == null || outcome.attempt() != hops) {
      return;
    }
    RouteResolver.Route route = pending;
    pending = null;
    if (outcome.started()) {
      finish();
    } else {
      failed(route, outcome.error());
    }
  }

  /** Gives up the pending attempt once its backend had the time to start answering; called by a sweep. */
  void checkDeadline(long now) {
    if (!done && pending != null && now >= pendingDeadline) {
      RouteResolver.Route route = pending;
      pending = null;
      failed(route, new ProxyError(ProxyError.Kind.TIMEOUT, 504,
          "backend '" + route.backend().name() + "' did not start answering in time", true, null, null));
    }
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
    int attempt = ++hops;
    BackendConfig backend = route.backend();
    long now = System.currentTimeMillis();
    long totalMs = backend.timeouts().totalMs();
    Dispatch dispatch = new Dispatch(requestId, sessionKey, attempt,
        SessionRouting.withOverrides(route.request(), overrides), call.streamAddress(), outcomeAddress,
        totalMs > 0 ? now + totalMs : 0, call.headers());
    pending = route;
    pendingDeadline = now + TimeBudgets.dispatchTimeoutMs(backend);
    bus.send(Addresses.backend(backend.name()), dispatch).onFailure(failure -> {
      if (!done && pending != null && hops == attempt) {
        pending = null;
        failed(route, dispatchFailure(backend.name(), failure));
      }
    });
  }

  private void failed(RouteResolver.Route route, ProxyError error) {
    tried.add(RouteResolver.describe(route) + ": " + error.message());
    if (error.kind() == ProxyError.Kind.CANCELLED) {
      stream.fail(error);
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
    stream.fail(reported);
    finish();
  }

  private void finish() {
    if (!done) {
      done = true;
      onDone.accept(this);
    }
  }

  private static ProxyError dispatchFailure(String backend, Throwable failure) {
    if (LocalFirst.noHandler(failure)) {
      return new ProxyError(ProxyError.Kind.UNAVAILABLE, 503, "backend '" + backend + "' is not running", true,
          null, null);
    }
    return ProxyError.internal("dispatch to backend '" + backend + "' failed: " + failure.getMessage());
  }
}
