package dev.lip.router;

import dev.lip.bus.Addresses;
import dev.lip.bus.Call;
import dev.lip.bus.CallOutcome;
import dev.lip.bus.Dispatch;
import dev.lip.bus.Headers;
import dev.lip.bus.LocalFirst;
import dev.lip.bus.ModelCatalog;
import dev.lip.config.BackendConfig;
import dev.lip.config.ProxyConfig;
import dev.lip.config.TimeBudgets;
import dev.lip.model.ChatEvent;
import dev.lip.model.ProxyError;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides where each {@link Call} goes: resolves its selector, applies parameter precedence, dispatches
 * to the backend and replies {@link CallOutcome.Routed} once the backend started answering, or
 * {@link CallOutcome.Rejected} when nothing was sent to the client. Stateless between requests: one
 * instance runs on every event loop, and dispatches to the backend instance on its own loop.
 */
public final class RouterVerticle extends VerticleBase {
  private static final long CATALOG_TIMEOUT_MS = 5_000;

  private final ProxyConfig config;
  private RouteResolver resolver;
  private LocalFirst bus;

  public RouterVerticle(ProxyConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    resolver = new RouteResolver(config);
    bus = new LocalFirst(vertx.eventBus());
    return Future.all(
        LocalFirst.<Call>consumeHere(vertx.eventBus(), Addresses.ROUTER, this::onCall),
        vertx.eventBus().<Void>consumer(Addresses.MODELS, this::onModels).completion());
  }

  private void onCall(Message<Call> message) {
    Call call = message.body();
    String requestId = message.headers().get(Headers.REQUEST_ID);
    if (requestId == null) {
      message.reply(new CallOutcome.Rejected(ProxyError.internal("call without a request id")));
      return;
    }
    RouteResolver.Route route;
    try {
      route = resolver.resolve(call.request());
    } catch (RouteResolver.RouteException e) {
      message.reply(new CallOutcome.Rejected(e.error()));
      return;
    }
    BackendConfig backend = route.backend();
    long totalMs = backend.timeouts().totalMs();
    Dispatch dispatch = new Dispatch(requestId, route.request(), call.streamAddress(),
        totalMs > 0 ? System.currentTimeMillis() + totalMs : 0, call.headers());
    DeliveryOptions options = new DeliveryOptions()
        .setSendTimeout(TimeBudgets.dispatchTimeoutMs(backend))
        .addHeader(Headers.REQUEST_ID, requestId);
    String sessionId = message.headers().get(Headers.SESSION_ID);
    bus.request(Addresses.backend(backend.name()), dispatch, options).onComplete(ar -> {
      if (ar.failed()) {
        message.reply(new CallOutcome.Rejected(dispatchFailure(backend.name(), ar.cause())));
      } else if (ar.result().body() instanceof ChatEvent.Started started) {
        message.reply(new CallOutcome.Routed(sessionId, started.backend(), started.model()));
      } else if (ar.result().body() instanceof CallOutcome.Rejected rejected) {
        message.reply(rejected);
      } else {
        message.reply(new CallOutcome.Rejected(ProxyError.internal(
            "unexpected reply from backend " + backend.name())));
      }
    });
  }

  private void onModels(Message<Void> message) {
    List<Future<ModelCatalog>> answers = new ArrayList<>();
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(CATALOG_TIMEOUT_MS);
    for (String name : config.backends().keySet()) {
      answers.add(vertx.eventBus().<ModelCatalog>request(Addresses.models(name), null, options)
          .map(Message::body)
          .otherwise(new ModelCatalog(List.of())));
    }
    Future.all(answers).onComplete(ar -> {
      List<ModelCatalog.Entry> entries = new ArrayList<>();
      for (Future<ModelCatalog> answer : answers) {
        entries.addAll(answer.result().entries());
      }
      message.reply(new ModelCatalog(entries));
    });
  }

  private static ProxyError dispatchFailure(String backend, Throwable failure) {
    if (failure instanceof ReplyException re && re.failureType() == ReplyFailure.NO_HANDLERS) {
      return ProxyError.of(ProxyError.Kind.UNAVAILABLE, "backend '" + backend + "' is not running");
    }
    if (failure instanceof ReplyException re && re.failureType() == ReplyFailure.TIMEOUT) {
      return new ProxyError(ProxyError.Kind.TIMEOUT, 504,
          "backend '" + backend + "' did not start answering in time", true, null, null);
    }
    return ProxyError.internal("dispatch to backend '" + backend + "' failed: " + failure.getMessage());
  }
}
