package dev.lip.router;

import dev.lip.bus.Addresses;
import dev.lip.bus.Call;
import dev.lip.bus.CallOutcome;
import dev.lip.bus.HealthReports;
import dev.lip.bus.Headers;
import dev.lip.bus.LocalFirst;
import dev.lip.bus.ModelCatalog;
import dev.lip.config.ProxyConfig;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
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
  /** How often the models the backends list are fetched again, for routing bare models. */
  private static final long CATALOG_REFRESH_MS = 300_000;
  private static final Logger LOG = LoggerFactory.getLogger(RouterVerticle.class);

  private final ProxyConfig config;
  private final SessionStore sessions;
  private RouteResolver resolver;
  private SessionRouting sessionRouting;
  private Interaction interaction;
  private KeyRedactor redactor;
  private final Map<String, FailoverRun> runs = new HashMap<>();
  private long catalogTimer;
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
    resolver = new RouteResolver(config, new SplittableRandom());
    sessionRouting = new SessionRouting(config);
    redactor = new KeyRedactor(knownKeys(config));
    interaction = new Interaction(config, CommandRegistry.standard(), resolver, sessionRouting, this::catalog,
        () -> HealthReports.of(vertx.eventBus(), config.backends().keySet()));
    bus = new LocalFirst(vertx.eventBus());
    catalogTimer = vertx.setPeriodic(0, CATALOG_REFRESH_MS, id -> refreshCatalog());
    return Future.all(
        LocalFirst.<Call>consumeHere(vertx.eventBus(), Addresses.ROUTER, this::onCall),
        vertx.eventBus().<Void>consumer(Addresses.MODELS, this::onModels).completion(),
        vertx.eventBus().<String>consumer(Addresses.CANCEL, this::onCancel).completion());
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
    Plan plan;
    try {
      plan = resolver.plan(sessionRouting.selector(session, request.selector()), outgoing);
    } catch (RouteResolver.RouteException e) {
      message.reply(new CallOutcome.Rejected(e.error()));
      return;
    }
    String sessionKey = session.key().startsWith(Interaction.EPHEMERAL_PREFIX) ? null : session.key();
    if (session.oneoff() != null && config.staticRoute() == null && sessionKey != null) {
      sessions.put(session.withoutOneoff()).onFailure(e -> LOG.warn("storing session failed: {}", e.toString()));
    }
    FailoverRun run = new FailoverRun(vertx, bus, message, requestId, sessionKey, plan, outgoing,
        session.overrides(), config.failover(), done -> runs.remove(done.requestId(), done));
    runs.put(requestId, run);
    run.start();
  }

  private void onCancel(Message<String> message) {
    FailoverRun run = runs.get(message.body());
    if (run != null) {
      run.cancel();
    }
  }

  private static List<String> knownKeys(ProxyConfig config) {
    List<String> keys = new ArrayList<>(config.clientApiKeys());
    config.backends().values().forEach(backend -> keys.addAll(backend.apiKeys()));
    return keys;
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(catalogTimer);
    return Future.succeededFuture();
  }

  private void refreshCatalog() {
    catalog().onSuccess(resolver::catalog)
        .onFailure(e -> LOG.debug("refreshing the model catalog failed: {}", e.toString()));
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
}
