package dev.lip.backend.providers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lip.backend.EventSink;
import dev.lip.backend.Provider;
import dev.lip.backend.UpstreamCall;
import dev.lip.bus.Dispatch;
import dev.lip.config.BackendConfig;
import dev.lip.model.ChatEvent;
import dev.lip.model.ChatRequest;
import dev.lip.model.ProxyError;
import dev.lip.protocol.Json;
import dev.lip.protocol.WireDialect;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpConnectOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** A provider reached over HTTP in one wire dialect, with keys presented as its {@link Auth} says. */
final class HttpProvider implements Provider {
  private static final int MAX_WAIT_QUEUE = 10_000;
  private static final long MODEL_LIST_TIMEOUT_MS = 5_000;
  /** How long a provider's model list is reused; clients list models often, providers change them rarely. */
  private static final long MODEL_LIST_TTL_MS = 300_000;
  private static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");
  private static final CharSequence EVENT_STREAM = HttpHeaders.createOptimized("text/event-stream");

  private final BackendConfig config;
  private final WireDialect dialect;
  private final String host;
  private final int port;
  private final boolean ssl;
  private final String basePath;
  private final Auth auth;
  /** Only opens connections; {@link UpstreamConnections} pools them. */
  private final HttpClientAgent client;
  private final UpstreamConnections connections;
  private List<String> listedModels = List.of();
  private long listedAt;

  /** How a key, and the client headers the provider honours, are presented to the provider. */
  @FunctionalInterface
  interface Auth {
    /**
     * @param key           the key to present, or {@code null} when the backend has none
     * @param clientHeaders the client headers forwarded by the door (lower-case names)
     */
    void apply(MultiMap headers, String key, Map<String, String> clientHeaders);

    Auth BEARER = (headers, key, clientHeaders) -> {
      if (key != null) {
        headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + key);
      }
    };

    Auth GOOGLE = (headers, key, clientHeaders) -> {
      if (key != null) {
        headers.set("x-goog-api-key", key);
      }
    };

    Auth ANTHROPIC = (headers, key, clientHeaders) -> {
      if (key != null) {
        headers.set("x-api-key", key);
      }
      headers.set("anthropic-version", clientHeaders.getOrDefault("anthropic-version", "2023-06-01"));
      String beta = clientHeaders.get("anthropic-beta");
      if (beta != null) {
        headers.set("anthropic-beta", beta);
      }
    };
  }

  HttpProvider(Vertx vertx, BackendConfig config, WireDialect dialect, Auth auth) {
    this.config = config;
    this.dialect = dialect;
    // Parsed once: an absolute URI would be parsed again on every request.
    URI base = URI.create(config.baseUrl());
    this.ssl = "https".equalsIgnoreCase(base.getScheme());
    this.host = base.getHost();
    this.port = base.getPort() > 0 ? base.getPort() : ssl ? 443 : 80;
    this.basePath = base.getRawPath() == null ? "" : base.getRawPath();
    this.auth = auth;
    this.client = vertx.createHttpClient(
        new HttpClientOptions()
            .setTcpNoDelay(true)
            .setKeepAlive(true)
            .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, config.timeouts().connectMs()))
            .setIdleTimeout(0));
    HttpConnectOptions target = new HttpConnectOptions().setHost(host).setPort(port).setSsl(ssl);
    if (config.timeouts().connectMs() > 0) {
      target.setConnectTimeout(config.timeouts().connectMs());
    }
    this.connections = new UpstreamConnections(client, target, config.maxConnections(), MAX_WAIT_QUEUE);
  }

  @Override
  public String dialect() {
    return dialect.name();
  }

  @Override
  public UpstreamCall start(Dispatch dispatch, String apiKey, EventSink sink) {
    ChatRequest request = dispatch.request();
    String model = request.selector();
    Buffer payload;
    try {
      payload = Buffer.buffer(dialect.encodeRequestBytes(request, model));
    } catch (RuntimeException e) {
      sink.accept(new ChatEvent.Failed(ProxyError.internal("cannot encode the upstream request: " + e.getMessage())));
      return HttpCall.NOTHING;
    }
    boolean stream = request.stream();
    RequestOptions options = new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setHost(host).setPort(port).setSsl(ssl)
        .setURI(basePath + dialect.requestPath(model, stream));
    Consumer<MultiMap> headers = h -> {
      h.set(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON)
          .set(HttpHeaders.ACCEPT, stream ? EVENT_STREAM : APPLICATION_JSON);
      upstreamHeaders(h, apiKey, dispatch.headers());
    };
    HttpCall call = new HttpCall(dialect, stream, sink, config.apiKeys());
    connections.acquire().onComplete(ar -> {
      if (ar.succeeded()) {
        call.send(connections, ar.result(), options, headers, payload);
      } else {
        call.fail(ar.cause());
      }
    });
    return call;
  }

  @Override
  public Future<List<String>> models(String apiKey) {
    if (!config.models().isEmpty()) {
      return Future.succeededFuture(config.models());
    }
    long now = System.currentTimeMillis();
    if (!listedModels.isEmpty() && now - listedAt < MODEL_LIST_TTL_MS) {
      return Future.succeededFuture(listedModels);
    }
    RequestOptions options = new RequestOptions()
        .setMethod(HttpMethod.GET)
        .setHost(host).setPort(port).setSsl(ssl)
        .setURI(basePath + dialect.modelsPath())
        .setTimeout(MODEL_LIST_TIMEOUT_MS);
    return connections.acquire()
        .compose(lease -> lease.connection().request(options)
            .compose(req -> {
              upstreamHeaders(req.headers(), apiKey, Map.of());
              return req.send();
            })
            .compose(resp -> resp.body().map(body -> {
              lease.releaseAfter(resp);
              return resp.statusCode() == 200 ? body : Buffer.buffer();
            })))
        .map(body -> dialect.modelIds(parse(body)))
        .onSuccess(ids -> {
          listedModels = List.copyOf(ids);
          listedAt = now;
        });
  }

  /** The backend's configured headers, then the key and the client headers the provider honours. */
  private void upstreamHeaders(MultiMap headers, String apiKey, Map<String, String> clientHeaders) {
    config.headers().forEach(headers::set);
    auth.apply(headers, apiKey, clientHeaders);
  }

  @Override
  public void close() {
    connections.close();
    client.close();
  }

  static JsonNode parse(Buffer body) {
    return Json.parseLenient(body.getBytes());
  }
}
