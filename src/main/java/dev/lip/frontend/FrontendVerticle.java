package dev.lip.frontend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lip.bus.Addresses;
import dev.lip.bus.ModelCatalog;
import dev.lip.bus.StreamEvent;
import dev.lip.config.ProxyConfig;
import dev.lip.model.ProxyError;
import dev.lip.protocol.ClientDialect;
import dev.lip.protocol.Json;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.HttpException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client-facing HTTP server. Several instances may share one port (one per event loop); each keeps
 * its in-flight exchanges in plain fields on its own loop.
 */
public final class FrontendVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(FrontendVerticle.class);
  /** The {@code anthropicPort} that means: no second listener. */
  public static final int NO_PORT = Integer.MIN_VALUE;
  private static final long MODELS_TIMEOUT_MS = 10_000;
  private static final CharSequence REQUEST_ID_HEADER = HttpHeaders.createOptimized("x-request-id");
  private static final Set<String> HEALTH_PATHS =
      Set.of("/health/live", "/healthz", "/health/ready", "/readyz");

  private final ProxyConfig config;
  private final int port;
  private final int anthropicPort;
  private final Conversations conversations;
  private final SessionKeys sessions;
  private final Map<String, ClientExchange> inFlight = new HashMap<>();
  private final String streamAddress = Addresses.stream(UUID.randomUUID().toString());
  private final Dialects dialects = new Dialects();
  private HttpServer server;
  private HttpServer anthropicServer;
  private StreamLimits limits;
  private ClientAuth auth;
  private long ticker = -1;

  /**
   * @param port          the port to listen on; a negative one picks a free port shared by all instances
   * @param anthropicPort a second port with the same routes, for Anthropic clients; {@link #NO_PORT} for none
   *                      (negative values other than that pick a shared free port, as for {@code port})
   * @param responses     where Responses-API conversations are kept, shared by all instances
   */
  public FrontendVerticle(ProxyConfig config, int port, int anthropicPort, ResponseStore responses) {
    this.config = config;
    this.port = port;
    this.anthropicPort = anthropicPort;
    this.conversations = new Conversations(responses);
    this.sessions = new SessionKeys(conversations::sessionOf);
  }

  /** The port actually bound, once started. */
  public int actualPort() {
    return server.actualPort();
  }

  /** The second (Anthropic) port actually bound, or {@link #NO_PORT}. */
  public int actualAnthropicPort() {
    return anthropicServer == null ? NO_PORT : anthropicServer.actualPort();
  }

  @Override
  public Future<?> start() {
    limits = StreamLimits.of(config);
    auth = new ClientAuth(config.authDisabled() ? List.of() : config.clientApiKeys());
    Router router = Router.router(vertx);
    router.route().handler(this::admit);
    BodyHandler body = BodyHandler.create(false).setBodyLimit(config.bodyLimitBytes());
    mountOpenAi(router, body);
    mountAnthropic(router, body);
    mountGemini(router, body);
    mountResponses(router, body);
    new Diagnostics(vertx, config, dialects.openAi).mount(router);
    for (String path : HEALTH_PATHS) {
      router.get(path).handler(rc -> rc.json(new JsonObject().put("status", "ok")));
    }
    router.route().failureHandler(this::failure);
    router.errorHandler(404, this::failure);
    router.errorHandler(405, this::failure);
    ticker = vertx.setPeriodic(limits.tickMs(), id -> tick());
    Future<?> events = vertx.eventBus().<StreamEvent>consumer(streamAddress, this::onStreamEvent).completion();
    Future<HttpServer> main = events.compose(v -> listen(router, port)).onSuccess(s -> server = s);
    if (anthropicPort == NO_PORT) {
      return main;
    }
    return Future.all(main, listen(router, anthropicPort).onSuccess(s -> anthropicServer = s));
  }

  private void onStreamEvent(Message<StreamEvent> message) {
    StreamEvent streamEvent = message.body();
    ClientExchange exchange = inFlight.get(streamEvent.requestId());
    if (exchange != null) {
      exchange.onEvents(streamEvent.events());
    }
  }

  private Future<HttpServer> listen(Router router, int listenPort) {
    HttpServerOptions options = new HttpServerOptions()
        .setHost(config.host())
        .setPort(listenPort)
        .setTcpNoDelay(true)
        .setCompressionSupported(false);
    return vertx.createHttpServer(options).requestHandler(router).listen();
  }

  private DialectDoor door(Door door) {
    return new DialectDoor(vertx, door, streamAddress, limits, sessions,
        exchange -> inFlight.put(exchange.requestId(), exchange),
        exchange -> inFlight.remove(exchange.requestId(), exchange));
  }

  private void mountOpenAi(Router router, BodyHandler body) {
    DialectDoor chat = door(Door.of(dialects.openAi));
    for (String path : new String[] {"/v1/chat/completions", "/chat/completions"}) {
      router.post(path).handler(body).handler(chat::handle);
    }
    for (String path : new String[] {"/v1/models", "/models"}) {
      router.get(path).handler(rc -> {
        if (rc.request().getHeader("anthropic-version") != null) {
          models(rc, entries -> ModelLists.anthropic(entries, now()), dialects.anthropic);
        } else if (rc.request().getHeader("x-goog-api-key") != null) {
          models(rc, ModelLists::gemini, dialects.gemini);
        } else {
          models(rc, entries -> ModelLists.openAi(entries, now()), dialects.openAi);
        }
      });
    }
  }

  private void mountAnthropic(Router router, BodyHandler body) {
    DialectDoor messages = door(new Door(dialects.anthropic, (rc, request) -> request, null,
        List.of("anthropic-version", "anthropic-beta")));
    for (String prefix : new String[] {"/anthropic/v1/messages", "/v1/messages", "/messages"}) {
      router.post(prefix).handler(body).handler(messages::handle);
      router.post(prefix + "/count_tokens").handler(body).handler(rc -> messages.countTokens(rc,
          tokens -> Json.NODES.objectNode().put("input_tokens", tokens)));
    }
    router.get("/anthropic/v1/models").handler(rc ->
        models(rc, entries -> ModelLists.anthropic(entries, now()), dialects.anthropic));
  }

  private void mountResponses(Router router, BodyHandler body) {
    DialectDoor responses = door(new Door(dialects.responses, conversations::resume, conversations::remember,
        List.of()));
    for (String path : new String[] {"/v1/responses", "/responses"}) {
      router.post(path).handler(body).handler(responses::handle);
    }
  }

  private void mountGemini(Router router, BodyHandler body) {
    DialectDoor generate = door(new Door(dialects.gemini, (rc, request) -> request
        .withSelector(geminiModel(rc)).withStream(rc.pathParam("param1").equals("streamGenerateContent")),
        null, List.of()));
    // google-genai 2.x defaults to v1, Gemini CLI and older SDKs to v1beta: serve both.
    router.postWithRegex("/v1(?:beta)?/models/(.+):(generateContent|streamGenerateContent)").handler(body)
        .handler(generate::handle);
    router.postWithRegex("/v1(?:beta)?/models/(.+):(countTokens)").handler(body).handler(rc ->
        generate.countTokens(rc, tokens -> Json.NODES.objectNode().put("totalTokens", tokens)));
    router.get("/v1beta/models").handler(rc -> models(rc, ModelLists::gemini, dialects.gemini));
  }

  /** The model of a Gemini URL; percent-escapes (a {@code /} in a model id) are decoded. */
  private static String geminiModel(RoutingContext rc) {
    return URLDecoder.decode(rc.pathParam("param0"), StandardCharsets.UTF_8);
  }

  private static long now() {
    return System.currentTimeMillis() / 1000;
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(ticker);
    return Future.succeededFuture();
  }

  /** Gives every request its id (echoing the client's) and checks the client key on every door. */
  private void admit(RoutingContext rc) {
    String clientId = rc.request().getHeader(REQUEST_ID_HEADER);
    String id = RequestIds.next();
    rc.put(RequestIds.CONTEXT_KEY, id);
    rc.response().headers().add(REQUEST_ID_HEADER, RequestIds.acceptable(clientId) ? clientId : id);
    if (!auth.enabled() || HEALTH_PATHS.contains(rc.request().path()) || auth.accepts(rc.request())) {
      rc.next();
      return;
    }
    sendError(rc, ProxyError.of(ProxyError.Kind.AUTHENTICATION,
        "missing or invalid API key: send it as 'Authorization: Bearer <key>' or 'x-api-key'"));
  }

  private void models(RoutingContext rc, Function<List<ModelCatalog.Entry>, JsonNode> shape,
      ClientDialect dialect) {
    vertx.eventBus().<ModelCatalog>request(Addresses.MODELS, null,
            new DeliveryOptions().setSendTimeout(MODELS_TIMEOUT_MS))
        .onComplete(ar -> {
          if (ar.failed()) {
            Replies.error(rc.response(), dialect,
                ProxyError.of(ProxyError.Kind.UNAVAILABLE, "the model catalog is unavailable"));
          } else {
            Replies.json(rc.response(), 200, shape.apply(ar.result().body().entries()));
          }
        });
  }

  private void failure(RoutingContext rc) {
    if (rc.response().headWritten()) {
      rc.response().reset();
      return;
    }
    int status = rc.failure() instanceof HttpException he ? he.getStatusCode()
        : rc.statusCode() > 0 ? rc.statusCode() : 500;
    ProxyError error;
    if (status == 413) {
      error = ProxyError.of(ProxyError.Kind.REQUEST_TOO_LARGE,
          "the request body exceeds the limit of " + config.bodyLimitBytes() + " bytes");
    } else if (status == 404) {
      error = new ProxyError(ProxyError.Kind.NOT_FOUND, 404,
          "no route for " + rc.request().method() + " " + rc.request().path(), false, null, "unknown_url");
    } else if (status == 405) {
      error = new ProxyError(ProxyError.Kind.INVALID_REQUEST, 405,
          "method " + rc.request().method() + " is not allowed on " + rc.request().path(), false, null, null);
    } else if (status < 500) {
      error = new ProxyError(ProxyError.Kind.INVALID_REQUEST, status, "bad request", false, null, null);
    } else {
      LOG.error("unhandled failure on {}", rc.request().path(), rc.failure());
      error = ProxyError.internal("internal proxy error");
    }
    sendError(rc, error);
  }

  private void sendError(RoutingContext rc, ProxyError error) {
    Replies.error(rc.response(), dialects.forPath(rc.request().path()), error);
  }

  private void tick() {
    if (inFlight.isEmpty()) {
      return;
    }
    long now = System.currentTimeMillis();
    for (ClientExchange exchange : inFlight.values().toArray(new ClientExchange[0])) {
      exchange.tick(now);
    }
  }
}
