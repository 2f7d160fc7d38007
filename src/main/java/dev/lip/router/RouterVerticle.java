package dev.lip.router;

import dev.lip.bus.Addresses;
import dev.lip.bus.Call;
import dev.lip.bus.DispatchOutcome;
import dev.lip.bus.HealthReports;
import dev.lip.bus.LocalFirst;
import dev.lip.bus.ModelCatalog;
import dev.lip.config.ProxyConfig;
import dev.lip.model.ChatRequest;
import dev.lip.model.ChatResponse;
import dev.lip.model.Part;
import dev.lip.model.ProxyError;
import dev.lip.model.StopReason;
import dev.lip.model.Usage;
import dev.lip.router.commands.CommandRegistry;
import dev.lip.session.Session;
import dev.lip.session.SessionStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides where each {@link Call} goes: loads the caller's session, runs the in-chat commands of the
 * latest message (answering by itself when nothing else is left), resolves the selector the session and
 * the request give, applies parameter precedence, replaces known API keys in what the model would read
 * ({@link KeyRedactor}, unless the session switched that off) and dispatches to the backend, which
 * answers on the client's stream. A failover selector's targets are tried in order while the failure is
 * retryable; when nothing could start, the error goes to the client's stream ({@link ClientStream}).
 * Backends report how each dispatch went to this instance's own outcome address; a sweep gives up the
 * dispatches that got no outcome in time. One instance runs on every event loop and dispatches to the
 * backend instance on its own loop; what outlives a request is in the {@link SessionStore}.
 */
public final class RouterVerticle extends VerticleBase {
  private static final long CATALOG_TIMEOUT_MS = 5_000;
  /** How often the models the backends list are fetched again, for routing bare models. */
  private static final long CATALOG_REFRESH_MS = 300_000;
  private static final long SWEEP_INTERVAL_MS = 50;
  /** The backend of the proxy's own answers, as the client sees it. */
  private static final String PROXY_BACKEND = "proxy";
  private static final Logger LOG = LoggerFactory.getLogger(RouterVerticle.class);

  private final ProxyConfig config;
  private final SessionStore sessions;
  private RouteResolver resolver;
  private SessionRouting sessionRouting;
  private Interaction interaction;
  private KeyRedactor redactor;
  private final Map<String, FailoverRun> runs = new HashMap<>();
  private final String outcomeAddress = Addresses.dispatchOutcomes(UUID.randomUUID().toString());
  private long catalogTimer;
  private long sweepTimer = -1;
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
        LocalFirst.<DispatchOutcome>consumeHere(vertx.eventBus(), outcomeAddress, this::onOutcome),
        vertx.eventBus().<Void>consumer(Addresses.MODELS, this::onModels).completion(),
        vertx.eventBus().<String>consumer(Addresses.CANCEL, this::onCancel).completion());
  }

  private void onCall(Message<Call> message) {
    Call call = message.body();
    String requestId = call.requestId();
    ClientStream stream = new ClientStream(vertx.eventBus(), call.streamAddress(), requestId);
    String sessionKey = call.sessionKey();
    if (sessionKey == null) {
      serve(call, stream, Session.fresh(Interaction.EPHEMERAL_PREFIX + requestId, System.currentTimeMillis()));
      return;
    }
    sessions.get(sessionKey).onComplete(ar -> {
      if (ar.failed()) {
        LOG.warn("reading session failed, serving request {} without it: {}", requestId, ar.cause().toString());
      }
      Session session = ar.succeeded() && ar.result() != null ? ar.result()
          : Session.fresh(sessionKey, System.currentTimeMillis());
      serve(call, stream, session);
    });
  }

  private void serve(Call call, ClientStream stream, Session session) {
    interaction.handle(call.request(), session).onComplete(ar -> {
      if (ar.failed()) {
        LOG.error("running in-chat commands failed for request {}", stream.requestId(), ar.cause());
        stream.fail(ProxyError.internal("the proxy failed to run the command"));
        return;
      }
      Interaction.Result result = ar.result();
      if (result.session() != session && !result.session().key().startsWith(Interaction.EPHEMERAL_PREFIX)) {
        sessions.put(result.session()).onFailure(e -> LOG.warn("storing session failed: {}", e.toString()));
      }
      if (result.answer() != null) {
        stream.answer(new ChatResponse(stream.requestId(), PROXY_BACKEND, call.request().selector(),
            List.of(Part.Text.of(result.answer())), StopReason.END_TURN, Usage.ZERO));
      } else {
        route(call, stream, result.request(), result.session());
      }
    });
  }

  private void route(Call call, ClientStream stream, ChatRequest request, Session session) {
    ChatRequest outgoing = Boolean.FALSE.equals(session.redactApiKeys()) ? request : redactor.redact(request);
    Plan plan;
    try {
      plan = resolver.plan(sessionRouting.selector(session, request.selector()), outgoing);
    } catch (RouteResolver.RouteException e) {
      stream.fail(e.error());
      return;
    }
    String sessionKey = session.key().startsWith(Interaction.EPHEMERAL_PREFIX) ? null : session.key();
    if (session.oneoff() != null && config.staticRoute() == null && sessionKey != null) {
      sessions.put(session.withoutOneoff()).onFailure(e -> LOG.warn("storing session failed: {}", e.toString()));
    }
    FailoverRun run = new FailoverRun(vertx, bus, call, stream, outcomeAddress, sessionKey, plan, outgoing,
        session.overrides(), config.failover(), done -> runs.remove(done.requestId(), done));
    runs.put(stream.requestId(), run);
    if (sweepTimer < 0) {
      sweepTimer = vertx.setPeriodic(SWEEP_INTERVAL_MS, id -> sweep());
    }
    run.start();
  }

  private void onOutcome(Message<DispatchOutcome> message) {
    FailoverRun run = runs.get(message.body().requestId());
    if (run != null) {
      run.onOutcome(message.body());
    }
  }

  private void sweep() {
    if (runs.isEmpty()) {
      vertx.cancelTimer(sweepTimer);
      sweepTimer = -1;
      return;
    }
    long now = System.currentTimeMillis();
    for (FailoverRun run : runs.values().toArray(new FailoverRun[0])) {
      run.checkDeadline(now);
    }
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
    if (sweepTimer >= 0) {
      vertx.cancelTimer(sweepTimer);
    }
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
