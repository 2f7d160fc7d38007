package dev.lip.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lip.Gateway;
import dev.lip.config.BackendConfig;
import dev.lip.config.ProxyConfig;
import dev.lip.config.Timeouts;
import dev.lip.fakes.Chunks;
import dev.lip.fakes.Client;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Upstream connections are kept alive across requests: after a plain answer, a streamed one and an error
 * status alike, the next request reuses a connection; one the upstream asks to close is not reused; one
 * the upstream closes without answering (as a server closes an idle connection just as a request comes)
 * is replaced once by a new one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class UpstreamKeepAliveTest {
  private final AtomicInteger connections = new AtomicInteger();
  private final List<MultiMap> headers = new CopyOnWriteArrayList<>();
  /** The upstream connection of each chat request, in order. */
  private final List<HttpConnection> servedBy = new CopyOnWriteArrayList<>();
  /** The body of each chat request, in order. */
  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private Vertx vertx;
  private Client client;

  @BeforeAll
  void start() {
    vertx = Vertx.vertx();
    int upstreamPort = vertx.createHttpServer()
        .connectionHandler(connection -> connections.incrementAndGet())
        .requestHandler(request -> request.body().onSuccess(body -> {
          String text = body.toString();
          boolean reused = servedBy.contains(request.connection());
          if (request.method() == HttpMethod.POST) {
            headers.add(request.headers());
            servedBy.add(request.connection());
            bodies.add(text);
          }
          var response = request.response();
          if (text.contains("always drop") || text.contains("drop if reused") && reused) {
            request.connection().close();
          } else if (text.contains("please fail")) {
            response.setStatusCode(400).putHeader("content-type", "application/json")
                .end("{\"error\":{\"message\":\"bad request\"}}");
          } else if (text.contains("then close")) {
            response.putHeader("connection", "close").putHeader("content-type", "application/json")
                .end(Chunks.completion("bye"));
          } else if (text.contains("\"stream\":true")) {
            response.setChunked(true).putHeader("content-type", "text/event-stream")
                .end("data: " + Chunks.text("streamed") + "\n\ndata: " + Chunks.finish("stop")
                    + "\n\ndata: [DONE]\n\n");
          } else {
            response.putHeader("content-type", "application/json").end(Chunks.completion("plain"));
          }
        }))
        .listen(0, "127.0.0.1").await().actualPort();
    ProxyConfig config = new ProxyConfig("127.0.0.1", 0, -1, "openai", "info", true, List.of(), 1 << 20,
        15_000, 500, Map.of("openai", new BackendConfig("openai", "openai", "http://127.0.0.1:" + upstreamPort
            + "/v1", List.of("sk-keep-alive-0123456789"), List.of(), Timeouts.DEFAULTS,
            Map.of("OpenAI-Organization", "org-test"), 4)));
    client = new Client(new Gateway(vertx, config, 1).start().await().main());
  }

  @AfterAll
  void stop() {
    vertx.close().await();
  }

  @Test
  void connectionsServePlainStreamedAndFailedAnswersUntilTheUpstreamClosesThem() {
    assertThat(ask("plain", false).status()).isEqualTo(200);
    int opened = connections.get();
    for (int round = 0; round < 3; round++) {
      assertThat(ask("plain", false).status()).isEqualTo(200);
      Client.Answer streamed = ask("stream me", true);
      assertThat(streamed.status()).isEqualTo(200);
      assertThat(streamed.data()).last().isEqualTo("[DONE]");
      assertThat(ask("please fail", false).status()).isEqualTo(400);
    }
    assertThat(connections).as("no new upstream connection for nine sequential requests").hasValue(opened);

    assertThat(ask("then close", false).json().at("/choices/0/message/content").asText()).isEqualTo("bye");
    HttpConnection closed = servedBy.get(servedBy.size() - 1);
    assertThat(ask("plain", false).status()).isEqualTo(200);
    assertThat(servedBy.get(servedBy.size() - 1)).as("not the connection the upstream closed").isNotSameAs(closed);
  }

  @Test
  void aReusedConnectionClosedUnansweredIsReplacedOnceAndTheRequestSentAgain() {
    assertThat(ask("plain", false).status()).isEqualTo(200);
    int opened = connections.get();
    int sent = servedBy.size();

    Client.Answer answer = ask("drop if reused", false);

    assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
    assertThat(answer.json().at("/choices/0/message/content").asText()).isEqualTo("plain");
    assertThat(servedBy).hasSize(sent + 2);
    assertThat(servedBy.get(sent + 1)).as("the second try is on a new connection").isNotSameAs(servedBy.get(sent));
    assertThat(bodies.get(sent + 1)).as("the same request, whole").isEqualTo(bodies.get(sent));
    assertThat(connections).hasValue(opened + 1);
  }

  @Test
  void aNewConnectionClosedUnansweredIsNotTriedAgain() {
    assertThat(ask("plain", false).status()).isEqualTo(200);
    int sent = servedBy.size();

    Client.Answer answer = ask("always drop", false);

    assertThat(answer.status()).isEqualTo(502);
    assertThat(servedBy).as("once on the reused connection, once on a new one").hasSize(sent + 2);
  }

  @Test
  void everyUpstreamRequestCarriesTheConfiguredHeadersTheKeyAndItsContentTypes() {
    headers.clear();
    ask("plain", false);
    ask("stream me", true);

    assertThat(headers).hasSize(2).allSatisfy(sent -> {
      assertThat(sent.get("openai-organization")).isEqualTo("org-test");
      assertThat(sent.get("authorization")).isEqualTo("Bearer sk-keep-alive-0123456789");
      assertThat(sent.get("content-type")).isEqualTo("application/json");
    });
    assertThat(headers.get(0).get("accept")).isEqualTo("application/json");
    assertThat(headers.get(1).get("accept")).isEqualTo("text/event-stream");
  }

  private Client.Answer ask(String text, boolean stream) {
    return client.post("/v1/chat/completions", "{\"model\":\"gpt-4o\"," + (stream ? "\"stream\":true," : "")
        + "\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}");
  }
}
