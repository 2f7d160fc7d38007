package dev.lip.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lip.model.ChatEvent;
import dev.lip.model.ChatRequest;
import dev.lip.model.ProxyError;
import dev.lip.model.ResponseAccumulator;
import dev.lip.protocol.ClientDialect;
import dev.lip.protocol.Json;
import dev.lip.protocol.StreamEncoder;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fake provider of any dialect: a real HTTP server on 127.0.0.1 and a free port that answers with a
 * scripted canonical answer, rendered by that dialect's own encoder exactly as the provider would send
 * it (SSE when the request streams, JSON otherwise), or with an HTTP error in the dialect's error shape.
 * Every request is kept, decoded to canonical form, for assertions.
 */
public final class FakeProvider extends VerticleBase {
  private final ClientDialect dialect;
  public final List<ChatRequest> received = new CopyOnWriteArrayList<>();
  public final List<HttpServerRequest> rawRequests = new CopyOnWriteArrayList<>();
  /** The bodies as received, for fields the canonical form does not show as sent. */
  public final List<JsonNode> rawBodies = new CopyOnWriteArrayList<>();
  /** Keys (as sent, without "Bearer ") of every request, in order. */
  public final List<String> keys = new CopyOnWriteArrayList<>();
  private final Queue<Cue> cues = new ConcurrentLinkedQueue<>();
  private final Set<String> refusedKeys = ConcurrentHashMap.newKeySet();
  private volatile List<ChatEvent> script = List.of();
  private volatile List<String> models = List.of();
  private volatile ProxyError failure;

  /** A one-off behaviour for the next request, before falling back to the standing script. */
  public sealed interface Cue {
    /** Answer with these events. */
    record Answer(List<ChatEvent> events) implements Cue {
    }

    /** Answer with this error before any output. */
    record Fail(ProxyError error) implements Cue {
    }

    /** Never answer (the proxy's timeouts must act). */
    record Hang() implements Cue {
    }

    /** Close the connection without an answer. */
    record Reset() implements Cue {
    }
  }
  private HttpServer server;

  /** @param dialect the provider's dialect: its client side renders what a provider of it sends */
  public FakeProvider(ClientDialect dialect) {
    this.dialect = dialect;
  }

  public int port() {
    return server.actualPort();
  }

  /** Answers every request with these events (from Started to a terminal event). */
  public void answer(List<ChatEvent> events) {
    script = List.copyOf(events);
    failure = null;
  }

  /** {@code GET …/models} lists these ids, in the OpenAI shape ({@code {"data":[{"id":…}]}}). */
  public void models(List<String> ids) {
    models = List.copyOf(ids);
  }

  /** The next requests get these behaviours, one each, before the standing script applies again. */
  public void cue(Cue... next) {
    cues.addAll(List.of(next));
  }

  /** Requests presenting {@code key} get a 401 from now on. */
  public void refuse(String key) {
    refusedKeys.add(key);
  }

  /** Forgets cues and refused keys and answers with {@code events} again. */
  public void reset(List<ChatEvent> events) {
    cues.clear();
    refusedKeys.clear();
    answer(events);
  }

  /** Answers every request with this error, before any output. */
  public void fail(ProxyError error) {
    failure = error;
  }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true))
        .requestHandler(this::handle)
        .listen(0, "127.0.0.1")
        .onSuccess(s -> server = s);
  }

  private void handle(HttpServerRequest request) {
    if (request.method() == HttpMethod.GET && request.path().endsWith("/models")) {
      var data = Json.NODES.objectNode();
      var list = data.putArray("data");
      models.forEach(id -> list.addObject().put("id", id).put("object", "model"));
      request.response().putHeader("content-type", "application/json").end(Buffer.buffer(Json.bytes(data)));
      return;
    }
    request.body().onSuccess(buffer -> {
      JsonNode body = Json.parseLenient(buffer.getBytes());
      rawRequests.add(request);
      rawBodies.add(body);
      received.add(dialect.decodeRequest(body));
      String key = presentedKey(request);
      keys.add(key == null ? "" : key);
      HttpServerResponse response = request.response();
      Cue cue = cues.poll();
      List<ChatEvent> events = script;
      ProxyError error = failure;
      if (key != null && refusedKeys.contains(key)) {
        error = new ProxyError(ProxyError.Kind.AUTHENTICATION, 401, "invalid api key", false, null, null);
      } else if (cue instanceof Cue.Hang) {
        return;
      } else if (cue instanceof Cue.Reset) {
        request.connection().close();
        return;
      } else if (cue instanceof Cue.Fail fail) {
        error = fail.error();
      } else if (cue instanceof Cue.Answer answer) {
        events = answer.events();
        error = null;
      }
      if (error != null) {
        if (error.retryAfterSeconds() != null) {
          response.putHeader("retry-after", String.valueOf(error.retryAfterSeconds()));
        }
        response.setStatusCode(error.httpStatus()).putHeader("content-type", "application/json")
            .end(Buffer.buffer(Json.bytes(dialect.errorBody(error))));
      } else if (streams(request, body)) {
        stream(response, received.get(received.size() - 1), events);
      } else {
        ResponseAccumulator accumulator = new ResponseAccumulator();
        events.forEach(accumulator::accept);
        response.putHeader("content-type", "application/json")
            .end(Buffer.buffer(Json.bytes(dialect.encodeResponse(accumulator.response()))));
      }
    });
  }

  private void stream(HttpServerResponse response, ChatRequest request, List<ChatEvent> events) {
    StreamEncoder encoder = dialect.newStreamEncoder(request.withStream(true), 1_700_000_000L);
    response.setChunked(true).putHeader("content-type", "text/event-stream");
    for (ChatEvent event : events) {
      String frames = encoder.encode(event);
      if (!frames.isEmpty()) {
        response.write(frames);
      }
    }
    response.end();
  }

  private static String presentedKey(HttpServerRequest request) {
    String authorization = request.getHeader("authorization");
    if (authorization != null && authorization.startsWith("Bearer ")) {
      return authorization.substring(7);
    }
    String key = request.getHeader("x-api-key");
    return key != null ? key : request.getHeader("x-goog-api-key");
  }

  private static boolean streams(HttpServerRequest request, JsonNode body) {
    return request.path().contains(":streamGenerateContent") || body.path("stream").asBoolean(false);
  }
}
