package dev.lip.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lip.bus.Addresses;
import dev.lip.bus.BusCodecs;
import dev.lip.bus.Call;
import dev.lip.bus.Dispatch;
import dev.lip.bus.DispatchOutcome;
import dev.lip.bus.StreamEvent;
import dev.lip.config.BackendConfig;
import dev.lip.config.ProxyConfig;
import dev.lip.config.Timeouts;
import dev.lip.fakes.TestProxy;
import dev.lip.model.ChatEvent;
import dev.lip.model.ChatRequest;
import dev.lip.model.ProxyError;
import dev.lip.session.LocalSessionStore;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The router alone, with backends played by bare event-bus consumers: a dispatch to a backend that is not
 * running, or that reports no outcome in time, fails over; an outcome of an attempt the router gave up on
 * is ignored; a request that nothing started answering ends with a {@code Failed} event on its stream.
 */
@Timeout(20)
class RouterDispatchTest {
  private static final String STREAM = Addresses.stream("router-test");
  /** Dispatch timeout: connect + first byte + {@link dev.lip.config.TimeBudgets#MARGIN_MS}. */
  private static final Timeouts QUICK = new Timeouts(100, 100, 1_000, 0);

  private Vertx vertx;
  private final BlockingQueue<StreamEvent> events = new LinkedBlockingQueue<>();
  private final BlockingQueue<Dispatch> dispatches = new LinkedBlockingQueue<>();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    BusCodecs.register(vertx.eventBus());
    ProxyConfig config = TestProxy.config("silent", 0, 1 << 20, backend("gone"), backend("silent"),
        backend("failing"));
    vertx.deployVerticle(new RouterVerticle(config, new LocalSessionStore(config.sessions()))).await();
    EventBus bus = vertx.eventBus();
    bus.<StreamEvent>consumer(STREAM, m -> events.add(m.body())).completion().await();
    bus.<Dispatch>consumer(Addresses.backend("silent"), m -> dispatches.add(m.body())).completion().await();
    bus.<Dispatch>consumer(Addresses.backend("failing"), m -> {
      Dispatch dispatch = m.body();
      dispatches.add(dispatch);
      // The silent backend wakes up too late: the router has moved on to this attempt.
      bus.send(dispatch.outcomeAddress(), new DispatchOutcome(dispatch.requestId(), dispatch.attempt() - 1, null));
      bus.send(dispatch.outcomeAddress(), DispatchOutcome.rejected(dispatch,
          ProxyError.of(ProxyError.Kind.UPSTREAM, "upstream said 500")));
    }).completion().await();
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @Test
  void everyTargetFailsInItsOwnWayAndTheClientGetsOneError() throws InterruptedException {
    call("req-1", "gone:m|silent:m|failing:m");

    Dispatch silent = dispatches.poll(10, TimeUnit.SECONDS);
    assertThat(silent.attempt()).isEqualTo(2);
    Dispatch failing = dispatches.poll(10, TimeUnit.SECONDS);
    assertThat(failing.attempt()).isEqualTo(3);

    StreamEvent event = events.poll(10, TimeUnit.SECONDS);
    assertThat(event.requestId()).isEqualTo("req-1");
    assertThat(event.events()).singleElement().isInstanceOf(ChatEvent.Failed.class);
    ProxyError error = ((ChatEvent.Failed) event.events().get(0)).error();
    assertThat(error.kind()).isEqualTo(ProxyError.Kind.UPSTREAM);
    assertThat(error.message()).contains("upstream said 500", "gone:m: backend 'gone' is not running",
        "silent:m: backend 'silent' did not start answering in time");
    assertThat(events.poll(200, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void aStartedOutcomeEndsTheRunWithoutAWordToTheClient() throws InterruptedException {
    vertx.eventBus().<Dispatch>consumer(Addresses.backend("gone"), m ->
        vertx.eventBus().send(m.body().outcomeAddress(), DispatchOutcome.started(m.body())))
        .completion().await();

    call("req-2", "gone:m|silent:m");

    assertThat(dispatches.poll(3, TimeUnit.SECONDS)).as("no failover after a start").isNull();
    assertThat(events).isEmpty();
  }

  private void call(String requestId, String selector) {
    Call call = new Call(requestId, null, "openai-chat", ChatRequest.simple(selector, "hello", false), STREAM,
        Map.of());
    vertx.eventBus().send(Addresses.ROUTER, call);
  }

  private static BackendConfig backend(String name) {
    return TestProxy.openai(name, "http://127.0.0.1:9/v1", QUICK, List.of());
  }
}
