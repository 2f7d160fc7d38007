package dev.lip.backend;

import dev.lip.bus.Addresses;
import dev.lip.bus.CallOutcome;
import dev.lip.bus.Dispatch;
import dev.lip.bus.FlowControl;
import dev.lip.bus.LocalFirst;
import dev.lip.bus.ModelCatalog;
import dev.lip.config.BackendConfig;
import dev.lip.model.ProxyError;
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
 * exchanges it holds.
 */
public final class BackendVerticle extends VerticleBase {
  private static final long SWEEP_INTERVAL_MS = 50;

  private final BackendConfig config;
  private final Function<io.vertx.core.Vertx, Provider> providerFactory;
  private final Map<String, Exchange> inFlight = new HashMap<>();
  private Provider provider;
  private long sweepTimer = -1;

  /**
   * @param providerFactory makes the provider on this verticle's context, so that its HTTP client and
   *                        timers belong to this verticle's event loop
   */
  public BackendVerticle(BackendConfig config, Function<io.vertx.core.Vertx, Provider> providerFactory) {
    this.config = config;
    this.providerFactory = providerFactory;
  }

  @Override
  public Future<?> start() {
    provider = providerFactory.apply(vertx);
    EventBus bus = vertx.eventBus();
    return Future.all(
        LocalFirst.<Dispatch>consumeHere(bus, Addresses.backend(config.name()), this::onDispatch),
        bus.<FlowControl>consumer(Addresses.flow(config.name()), this::onFlowControl).completion(),
        bus.<String>consumer(Addresses.CANCEL, this::onCancel).completion(),
        bus.<Void>consumer(Addresses.models(config.name()), this::onModels).completion());
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
      message.reply(new CallOutcome.Rejected(ProxyError.invalidRequest(
          "request " + dispatch.requestId() + " is already being served")));
      return;
    }
    Exchange exchange = new Exchange(vertx.eventBus(), message, config.name(),
        dispatch.request().selector(), config.timeouts(), System.currentTimeMillis(), this::onDone);
    inFlight.put(dispatch.requestId(), exchange);
    if (sweepTimer < 0) {
      sweepTimer = vertx.setPeriodic(SWEEP_INTERVAL_MS, id -> sweep());
    }
    exchange.start(provider);
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
    provider.models().onComplete(ar -> {
      List<ModelCatalog.Entry> entries = new ArrayList<>();
      if (ar.succeeded()) {
        for (String model : ar.result()) {
          entries.add(new ModelCatalog.Entry(config.name(), model));
        }
      }
      message.reply(new ModelCatalog(entries));
    });
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
