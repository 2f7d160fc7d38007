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
import dev.lip.model.ChatRequest;
import dev.lip.model.ProxyError;
import dev.lip.router.commands.CommandRegistry;
import dev.lip.router.commands.ConversationCommands;
import dev.lip.session.Session;
import dev.lip.session.SessionStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides where each {@link Call} goes: loads the caller's session, runs the in-chat commands of the
 * latest message (answering by itself when nothing else is left), resolves the selector the session and
 * the request give, applies parameter precedence, replaces known API keys in what the model would read
 * ({@link KeyRedactor}, unless the session switched that off), dispatches to the backend and replies
 * {@link CallOutcome.Routed} once the backend started answering, or {@link CallOutcome.Rejected} when
 * nothing was sent to the client. A failover selector's targets are tried in order while the failure is
 * retryable. One instance runs on every event loop and dispatches to the backend instance on its own loop;
 * what outlives a request is in the {@link SessionStore}.
 */
public final class RouterVerticle extends VerticleBase {
  private static final long CATALOG_TIMEOUT_MS = 5_000;
  private static final Logger LOG = LoggerFactory.getLogger(RouterVerticle.class);

  private final ProxyConfig config;
  private final SessionStore sessions;
  private RouteResolver resolver;
  private SessionRouting sessionRouting;
  private Interaction interaction;
  private KeyRedactor redactor;
  private LocalFirst bus;

  /**
   * @param sessions shared by every router instance
   */
  public RouterVerticle(ProxyConfig config, SessionStore sessions) {
    this.config = config;
    this.sessions = sessions;
  }

  @Override
  public Future<?> start() {
    resolver = new RouteResolver(config);
    sessionRouting = new SessionRouting(config);
    redactor = new KeyRedactor(knownKeys(config));
    interaction = new Interaction(config, CommandRegistry.standard(), resolver, sessionRouting, this::catalog);
    bus = new LocalFirst(vertx.eventBus());
    return Future.all(
        LocalFirst.<Call>consumeHere(vertx.eventBus(), Addresses.ROUTER, this::onCall),
        vertx.eventBus().<Void>consumer(Addresses.MODELS, this::onModels).completion());
  }

  private void onCall(Message<Call> message) {
    String requestId = message.headers().get(Headers.REQUEST_ID);
    if (requestId == null) {
      message.reply(new CallOutcome.Rejected(ProxyError.internal("call without a request id")));
      return;
    }
    String sessionKey = message.headers().get(Headers.SESSION_ID);
    if (sessionKey == null) {
      serve(message, requestId, Session.fresh(Interaction.EPHEMERAL_PREFIX + requestId, System.currentTimeMillis()));
      return;
    }
    sessions.get(sessionKey).onComplete(ar -> {
      if (ar.failed()) {
        LOG.warn("reading session failed, serving request {} without it: {}", requestId, ar.cause().toString());
      }
      Session session = ar.succeeded() && ar.result() != null ? ar.result()
          : Session.fresh(sessionKey, System.currentTimeMillis());
      serve(message, requestId, session);
    });
  }

  private void serve(Message<Call> message, String requestId, Session session) {
    interaction.handle(message.body().request(), session).onComplete(ar -> {
      if (ar.failed()) {
        LOG.error("running in-chat commands failed for request {}", requestId, ar.cause());
        message.reply(new CallOutcome.Rejected(ProxyError.internal("the proxy failed to run the command")));
        return;
      }
      Interaction.Result result = ar.result();
      if (result.session() != session && !result.session().key().startsWith(Interaction.EPHEMERAL_PREFIX)) {
        sessions.put(result.session()).onFailure(e -> LOG.warn("storing session failed: {}", e.toString()));
      }
      if (result.answer() != null) {
        message.reply(new CallOutcome.Answered(Interaction.displayId(session.key()), result.answer()));
      } else {
        route(message, requestId, result.request(), result.session());
      }
    });
  }

  private void route(Message<Call> message, String requestId, ChatRequest request, Session session) {
    ChatRequest outgoing = Boolean.FALSE.equals(session.redactApiKeys()) ? request : redactor.redact(request);
    List<RouteResolver.Route> routes;
    try {
      routes = resolver.resolve(sessionRouting.selector(session, request.selector()), outgoing);
    } catch (RouteResolver.RouteException e) {
      message.reply(new CallOutcome.Rejected(e.error()));
      return;
    }
    if (session.oneoff() != null && config.staticRoute() == null) {
      sessions.put(session.withoutOneoff()).onFailure(e -> LOG.warn("storing session failed: {}", e.toString()));
    }
    dispatch(message, requestId, routes, 0, session, null);
  }

  private void dispatch(Message<Call> message, String requestId, List<RouteResolver.Route> routes, int index,
      Session session, List<String> tried) {
    RouteResolver.Route route = routes.get(index);
    BackendConfig backend = route.backend();
    long totalMs = backend.timeouts().totalMs();
    Call call = message.body();
    Dispatch dispatch = new Dispatch(requestId, SessionRouting.withOverrides(route.request(), session.overrides()),
        call.streamAddress(), totalMs > 0 ? System.currentTimeMillis() + totalMs : 0, call.headers());
    DeliveryOptions options = new DeliveryOptions()
        .setSendTimeout(TimeBudgets.dispatchTimeoutMs(backend))
        .addHeader(Headers.REQUEST_ID, requestId);
    String sessionId = Interaction.displayId(session.key());
    bus.request(Addresses.backend(backend.name()), dispatch, options).onComplete(ar -> {
      ProxyError failure;
      if (ar.failed()) {
        failure = dispatchFailure(backend.name(), ar.cause());
      } else if (ar.result().body() instanceof ChatEvent.Started started) {
        message.reply(new CallOutcome.Routed(sessionId, started.backend(), started.model()));
        return;
      } else if (ar.result().body() instanceof CallOutcome.Rejected rejected) {
        failure = rejected.error();
      } else {
        failure = ProxyError.internal("unexpected reply from backend " + backend.name());
      }
      if (index + 1 < routes.size() && failure.retryable()) {
        List<String> attempts = tried == null ? new ArrayList<>() : tried;
        attempts.add(backend.name() + ":" + route.model() + " (" + failure.message() + ")");
        dispatch(message, requestId, routes, index + 1, session, attempts);
      } else {
        message.reply(new CallOutcome.Rejected(tried == null ? failure : failure.withMessage(
            failure.message() + "; tried before: " + String.join(", ", tried))));
      }
    });
  }

  private static List<String> knownKeys(ProxyConfig config) {
    List<String> keys = new ArrayList<>(config.clientApiKeys());
    config.backends().values().forEach(backend -> keys.addAll(backend.apiKeys()));
    return keys;
  }

  private Future<ModelCatalog> catalog() {
    return vertx.eventBus().<ModelCatalog>request(Addresses.MODELS, null,
        new DeliveryOptions().setSendTimeout(CATALOG_TIMEOUT_MS)).map(Message::body);
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
