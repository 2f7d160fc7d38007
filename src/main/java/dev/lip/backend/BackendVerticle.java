package dev.lip.backend;

import dev.lip.bus.Addresses;
import dev.lip.bus.Dispatch;
import dev.lip.bus.DispatchOutcome;
import dev.lip.bus.FlowControl;
import dev.lip.bus.LocalFirst;
import dev.lip.bus.ModelCatalog;
import dev.lip.config.BackendConfig;
import dev.lip.model.ProxyError;
import dev.lip.model.TokenEstimate;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Serves one configured backend instance: takes {@link Dispatch}es on {@code lip.backend.<name>}, runs
 * them through its {@link Provider}, honours flow control and cancellation, and enforces the time
 * limits. One verticle instance runs on every event loop (each with its own upstream connection pool),
 * so that a request is served on the loop that received it; the in-flight exchanges of an instance live
 * in plain fields on its loop. Flow control and cancel are published, and each instance acts only on the
 * exchanges it holds. Before a dispatch starts, the backend's {@link BackendGuards} (key pool, rate limiter,
 * circuit breaker, shared by all instances) must let it; how it ended is reported back to them. Whether
 * a dispatch started answering or failed before that goes to its router as a {@link DispatchOutcome}. The
 * provider is wrapped so that the signatures its answers carry are recorded in the proxy's
 * {@link SignatureLedger}, and those of other wire dialects are taken out of the requests it sends.
 */
public final class BackendVerticle extends VerticleBase {
  private static final long SWEEP_INTERVAL_MS = 50;

  private final BackendConfig config;
  private final BackendGuards guards;
  private final SignatureLedger signatures;
  private final Function<io.vertx.core.Vertx, Provider> providerFactory;
  private final Map<String, Exchange> inFlight = new HashMap<>();
  private Provider provider;
  private LocalFirst outcomes;
  private long sweepTimer = -1;

  /**
   * @param providerFactory makes the provider on this verticle's context, so that its HTTP client and
   *                        timers belong to this verticle's event loop
   * @param guards          shared by every instance of this backend in the process
   * @param signatures      shared by every backend of the proxy
   */
  public BackendVerticle(BackendConfig config, BackendGuards guards, SignatureLedger signatures,
      Function<io.vertx.core.Vertx, Provider> providerFactory) {
    this.config = config;
    this.guards = guards;
    this.signatures = signatures;
    this.providerFactory = providerFactory;
  }

  @Override
  public Future<?> start() {
    provider = new SignatureTracking(providerFactory.apply(vertx), signatures);
    EventBus bus = vertx.eventBus();
    outcomes = new LocalFirst(bus);
    return Future.all(
        LocalFirst.<Dispatch>consumeHere(bus, Addresses.backend(config.name()), this::onDispatch),
        bus.<FlowControl>consumer(Addresses.flow(config.name()), this::onFlowControl).completion(),
        bus.<String>consumer(Addresses.CANCEL, this::onCancel).completion(),
        bus.<Void>consumer(Addresses.models(config.name()), this::onModels).completion(),
        bus.<Void>consumer(Addresses.health(config.name()), m -> m.reply(guards.health())).completion(),
        bus.<Void>consumer(Addresses.reactivate(config.name()), this::onReactivate).completion());
  }

  @Override
  public Future<?> stop() {
    for (Exchange exchange : Map.copyOf(inFlight).values()) {
      exchange.cancel();
    }
    provider.close();
    return Future.succeededFuture();
  }

  private void onDispatch(Message<Dispatch> message) {
    Dispatch dispatch = message.body();
    if (inFlight.containsKey(dispatch.requestId())) {
      report(dispatch, DispatchOutcome.rejected(dispatch, ProxyError.invalidRequest(
          "request " + dispatch.requestId() + " is already being served")));
      return;
    }
    String sessionKey = dispatch.sessionKey();
    long estimate = config.rateLimits().tokensPerMinute() > 0 ? TokenEstimate.of(dispatch.request()) : 0;
    BackendGuards.Admission admission = guards.admit(estimate, sessionKey);
    if (admission instanceof BackendGuards.Refused refused) {
      report(dispatch, DispatchOutcome.rejected(dispatch, refused.error()));
      return;
    }
    Exchange exchange = new Exchange(vertx.eventBus(), dispatch, config.name(), config.timeouts(),
        System.currentTimeMillis(), guards, (BackendGuards.Admitted) admission, sessionKey,
        outcome -> report(dispatch, outcome), this::onDone);
    inFlight.put(dispatch.requestId(), exchange);
    if (sweepTimer < 0) {
      sweepTimer = vertx.setPeriodic(SWEEP_INTERVAL_MS, id -> sweep());
    }
    exchange.start(provider);
  }

  /** Tells the router of a dispatch how it went; a router that is gone needs no answer. */
  private void report(Dispatch dispatch, DispatchOutcome outcome) {
    outcomes.send(dispatch.outcomeAddress(), outcome);
  }

  private void onFlowControl(Message<FlowControl> message) {
    Exchange exchange = inFlight.get(message.body().requestId());
    if (exchange != null) {
      exchange.pause(message.body().paused());
    }
  }

  private void onCancel(Message<String> message) {
    Exchange exchange = inFlight.get(message.body());
    if (exchange != null) {
      exchange.cancel();
    }
  }

  private void onModels(Message<Void> message) {
    provider.models(guards.anyKey()).onComplete(ar -> {
      List<ModelCatalog.Entry> entries = new ArrayList<>();
      if (ar.succeeded()) {
        for (String model : ar.result()) {
          entries.add(new ModelCatalog.Entry(config.name(), model));
        }
      }
      message.reply(new ModelCatalog(entries));
    });
  }

  private void onReactivate(Message<Void> message) {
    guards.reactivate();
    message.reply(guards.health());
  }

  private void onDone(Exchange exchange) {
    inFlight.remove(exchange.requestId(), exchange);
  }

  private void sweep() {
    if (inFlight.isEmpty()) {
      vertx.cancelTimer(sweepTimer);
      sweepTimer = -1;
      return;
    }
    long now = System.currentTimeMillis();
    for (Exchange exchange : Map.copyOf(inFlight).values()) {
      exchange.checkTimeouts(now);
    }
  }
}
