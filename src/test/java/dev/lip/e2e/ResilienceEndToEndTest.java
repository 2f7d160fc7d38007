package dev.lip.e2e;

import static dev.lip.fakes.Script.finished;
import static dev.lip.fakes.Script.started;
import static dev.lip.fakes.Script.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lip.config.BackendConfig;
import dev.lip.config.BreakerSettings;
import dev.lip.config.CommandSettings;
import dev.lip.config.FailoverSettings;
import dev.lip.config.ProxyConfig;
import dev.lip.config.RateLimits;
import dev.lip.config.SessionSettings;
import dev.lip.config.Timeouts;
import dev.lip.fakes.Client;
import dev.lip.fakes.FakeProvider;
import dev.lip.fakes.FakeProvider.Cue;
import dev.lip.fakes.TestProxy;
import dev.lip.model.ChatEvent;
import dev.lip.model.ProxyError;
import dev.lip.model.StopReason;
import dev.lip.protocol.anthropic.AnthropicDialect;
import dev.lip.protocol.openai.OpenAiChatDialect;
import io.vertx.core.Vertx;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Failover, key pools, rate limits and circuit breakers through the real proxy, against fake providers
 * on port 0 scripted to fail on cue (HTTP errors with and without Retry-After, refused keys, hangs,
 * connection resets).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class ResilienceEndToEndTest {
  private static final String KEY_1 = "sk-a-key-1111111111";
  private static final String KEY_2 = "sk-a-key-2222222222";
  private static final String KEY_3 = "sk-a-key-3333333333";
  private static final List<ChatEvent> FROM_A = List.of(started(), text("from a"), finished(StopReason.END_TURN));
  private static final List<ChatEvent> FROM_B = List.of(started(), text("from b"), finished(StopReason.END_TURN));
  private static final List<ChatEvent> FROM_C = List.of(started(), text("from c"), finished(StopReason.END_TURN));

  private Vertx vertx;
  private final FakeProvider fa = new FakeProvider(new OpenAiChatDialect());
  private final FakeProvider fb = new FakeProvider(new OpenAiChatDialect());
  private final FakeProvider fc = new FakeProvider(new AnthropicDialect());
  private final FakeProvider limitedFake = new FakeProvider(new OpenAiChatDialect());
  private final FakeProvider flakyFake = new FakeProvider(new OpenAiChatDialect());
  private ProxyConfig config;
  private Client client;

  @BeforeAll
  void start() {
    vertx = Vertx.vertx();
    for (FakeProvider fake : List.of(fa, fb, fc, limitedFake, flakyFake)) {
      vertx.deployVerticle(fake).await();
    }
    fa.models(List.of("m"));
    fb.models(List.of("only-on-b"));
    Timeouts timeouts = new Timeouts(2_000, 1_500, 5_000, 60_000);
    config = config(new FailoverSettings(5, 10_000, 2_000), timeouts,
        backend("a", "openai", fa, List.of(KEY_1, KEY_2, KEY_3), timeouts, RateLimits.NONE, BreakerSettings.DEFAULTS),
        backend("b", "openai", fb, List.of("sk-b-key-0123456789"), timeouts, RateLimits.NONE, BreakerSettings.DEFAULTS),
        backend("c", "anthropic", fc, List.of("sk-c-key-0123456789"), timeouts, RateLimits.NONE,
            BreakerSettings.DEFAULTS),
        backend("limited", "openai", limitedFake, List.of("sk-l-key-0123456789"), timeouts, new RateLimits(60, 0, 0),
            BreakerSettings.DEFAULTS),
        backend("flaky", "openai", flakyFake, List.of("sk-f-key-0123456789"), timeouts, RateLimits.NONE,
            new BreakerSettings(3, 1_000)));
    client = new Client(TestProxy.start(vertx, config));
  }

  @BeforeEach
  void reset() {
    fa.reset(FROM_A);
    fb.reset(FROM_B);
    fc.reset(FROM_C);
    limitedFake.reset(FROM_B);
    flakyFake.reset(FROM_B);
    for (FakeProvider fake : List.of(fa, fb, fc, limitedFake, flakyFake)) {
      fake.received.clear();
      fake.keys.clear();
    }
    TestProxy.reactivate(client, config);
  }

  @AfterAll
  void stop() {
    vertx.close().await();
  }

  @Test
  void anErrorBeforeOutputFailsOverInOrder() {
    fa.cue(new Cue.Fail(new ProxyError(ProxyError.Kind.UPSTREAM, 500, "boom", true, null, null)));

    assertThat(content(ask("a:m|b:m|c:m"))).isEqualTo("from b");

    assertThat(fa.received).hasSize(1);
    assertThat(fb.received).hasSize(1);
    assertThat(fc.received).isEmpty();
  }

  @Test
  void aConnectionResetAndAHangFailOverToo() {
    // Two: a reused connection closed unanswered is tried once more on a new one before failing over.
    fa.cue(new Cue.Reset(), new Cue.Reset());
    assertThat(content(ask("a:m|b:m"))).isEqualTo("from b");

    fa.reset(FROM_A);
    fa.cue(new Cue.Hang());
    long start = System.nanoTime();
    assertThat(content(ask("a:m|c:m"))).isEqualTo("from c");
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(1_400);
  }

  @Test
  void noFailoverOnceOutputStarted() {
    fa.cue(new Cue.Answer(List.of(started(), text("partial"),
        new ChatEvent.Failed(new ProxyError(ProxyError.Kind.UPSTREAM, 502, "died", true, null, null)))));

    Client.Answer answer = post("a:m|b:m", true);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.raw().body()).contains("partial").contains("died");
    assertThat(fb.received).isEmpty();
  }

  @Test
  void aShortRetryAfterIsWaitedOutWhileTheStreamingClientGetsKeepAlives() {
    fa.cue(new Cue.Fail(new ProxyError(ProxyError.Kind.RATE_LIMITED, 429, "slow down", true, 1L, null)));

    Client.Answer answer = post("a:m|b:m", true);

    assertThat(answer.status()).isEqualTo(200);
    String body = answer.raw().body();
    assertThat(body).contains(": keep-alive").contains("from a");
    assertThat(body.indexOf(": keep-alive")).isLessThan(body.indexOf("from a"));
    assertThat(fa.received).hasSize(2);
    assertThat(fb.received).isEmpty();
  }

  @Test
  void aClientGoneDuringAWaitStopsItAndNothingIsDispatchedAfterwards() throws Exception {
    fa.cue(new Cue.Fail(new ProxyError(ProxyError.Kind.RATE_LIMITED, 429, "slow down", true, 1L, null)));
    byte[] body = body("a:m", true).getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", client.port()), 5_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      Thread.sleep(300);
    }

    Thread.sleep(1_500);

    assertThat(fa.received).hasSize(1);
  }

  @Test
  void aLongRetryAfterFailsOverAtOnceAndCoolsTheKeyDown() {
    fa.cue(new Cue.Fail(new ProxyError(ProxyError.Kind.RATE_LIMITED, 429, "slow down", true, 60L, null)));

    long start = System.nanoTime();
    assertThat(content(ask("a:m|b:m"))).isEqualTo("from b");
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1_000);

    int used = List.of(KEY_1, KEY_2, KEY_3).indexOf(fa.keys.get(0));
    JsonNode key = backend(diagnostics(), "a").path("keys").get(used);
    assertThat(key.path("state").asText()).isEqualTo("cooling");
    assertThat(key.path("cooldownRemainingMs").asLong()).isGreaterThan(50_000);
  }

  @Test
  void a429WithoutRetryAfterFailsOverAtOnceAndCoolsTheKeyForTheDefaultTime() {
    fa.cue(new Cue.Fail(new ProxyError(ProxyError.Kind.RATE_LIMITED, 429, "slow down", true, null, null)));

    assertThat(content(ask("a:m|b:m"))).isEqualTo("from b");

    int used = List.of(KEY_1, KEY_2, KEY_3).indexOf(fa.keys.get(0));
    JsonNode key = backend(diagnostics(), "a").path("keys").get(used);
    assertThat(key.path("state").asText()).isEqualTo("cooling");
    assertThat(key.path("cooldownRemainingMs").asLong()).isBetween(25_000L, 30_000L);
    assertThat(fa.received).hasSize(1);
  }

  @Test
  void aBareModelTheDefaultBackendDoesNotListGoesToTheBackendThatDoes() throws InterruptedException {
    String answer = "";
    for (int attempt = 0; attempt < 50 && !answer.equals("from b"); attempt++) {
      Client.Answer response = post("only-on-b", false);
      answer = response.status() == 200 ? content(response.json()) : "";
      if (!answer.equals("from b")) {
        Thread.sleep(100);
      }
    }
    assertThat(answer).as("the router learns the listed models shortly after start").isEqualTo("from b");
    assertThat(content(ask("m"))).isEqualTo("from a");
  }

  @Test
  void keysAreUsedRoundRobin() {
    for (int i = 0; i < 6; i++) {
      assertThat(content(ask("a:m"))).isEqualTo("from a");
    }
    assertThat(fa.keys.subList(0, 3)).containsExactlyInAnyOrder(KEY_1, KEY_2, KEY_3);
    assertThat(fa.keys.subList(3, 6)).isEqualTo(fa.keys.subList(0, 3));
  }

  @Test
  void aRefusedKeyIsSkippedUntilReactivated() {
    fa.refuse(KEY_2);

    for (int i = 0; i < 4; i++) {
      assertThat(content(ask("a:m"))).isEqualTo("from a");
    }

    assertThat(fa.keys).hasSize(5).containsOnlyOnce(KEY_2);
    assertThat(fa.keys.subList(fa.keys.indexOf(KEY_2) + 1, 5)).doesNotContain(KEY_2);
    JsonNode keys = backend(diagnostics(), "a").path("keys");
    assertThat(keys.get(1).path("state").asText()).isEqualTo("disabled");
    assertThat(keys.get(1).path("masked").asText()).isEqualTo("sk-…2222");

    fa.reset(FROM_A);
    fa.keys.clear();
    assertThat(client.post("/v1/diagnostics/backends/a/reactivate", "").status()).isEqualTo(200);
    for (int i = 0; i < 3; i++) {
      ask("a:m");
    }
    assertThat(fa.keys).contains(KEY_2);
  }

  @Test
  void invalidRequestIsNotRetriedOnTheSameBackend() {
    fa.cue(new Cue.Fail(ProxyError.invalidRequest("bad field")));

    Client.Answer answer = post("a:m", false);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().at("/error/message").asText()).contains("bad field");
    assertThat(fa.received).hasSize(1);
  }

  @Test
  void sixtyRequestsPerMinuteHoldUnderFiftyConcurrentClients() throws Exception {
    List<Integer> statuses = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(50);
    try {
      List<Callable<Integer>> calls = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        calls.add(() -> post("limited:m", false).status());
      }
      for (Future<Integer> status : pool.invokeAll(calls, 60, TimeUnit.SECONDS)) {
        statuses.add(status.get());
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(limitedFake.received).hasSize(60);
    assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(60);
    assertThat(statuses.stream().filter(s -> s == 429).count()).isEqualTo(40);
  }

  @Test
  void theBreakerOpensProbesAndCloses() throws Exception {
    flakyFake.fail(new ProxyError(ProxyError.Kind.UPSTREAM, 500, "down", true, null, null));
    for (int i = 0; i < 3; i++) {
      assertThat(post("flaky:m", false).status()).isEqualTo(502);
    }

    Client.Answer refused = post("flaky:m", false);

    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.json().at("/error/message").asText()).contains("circuit open");
    assertThat(flakyFake.received).hasSize(3);
    assertThat(backend(diagnostics(), "flaky").path("health").asText()).isEqualTo("open");

    flakyFake.answer(FROM_B);
    Thread.sleep(1_100);
    assertThat(content(ask("flaky:m"))).isEqualTo("from b");
    assertThat(flakyFake.received).hasSize(4);
    assertThat(backend(diagnostics(), "flaky").path("breaker").asText()).isEqualTo("CLOSED");
  }

  @Test
  void theHopBudgetBoundsTheAttemptsAndTheErrorSaysWhatWasTried() {
    ProxyError boom = new ProxyError(ProxyError.Kind.UPSTREAM, 500, "boom", true, null, null);
    for (FakeProvider fake : List.of(fa, fb, fc)) {
      fake.fail(boom);
    }

    Client.Answer answer = post("a:m1|b:m1|c:m1|a:m2|b:m2|c:m2", false);

    assertThat(answer.status()).isEqualTo(502);
    assertThat(fa.received.size() + fb.received.size() + fc.received.size()).isEqualTo(5);
    assertThat(answer.json().at("/error/message").asText()).contains("tried: a:m1").contains("b:m2");
  }

  @Test
  void weightedSelectorsFollowTheirWeights() {
    int fromA = 0;
    for (int i = 0; i < 200; i++) {
      if (content(ask("[weight=3]a:m^[weight=1]b:m")).equals("from a")) {
        fromA++;
      }
    }
    assertThat(fromA).isBetween(120, 180);
  }

  @Test
  void aTargetWithTooSmallAContextIsSkipped() {
    String body = "{\"model\":\"[max_context=10]a:m|b:m\",\"messages\":[{\"role\":\"user\",\"content\":\""
        + "long prompt ".repeat(100) + "\"}]}";

    Client.Answer answer = client.post("/v1/chat/completions", body);

    assertThat(answer.json().at("/choices/0/message/content").asText()).isEqualTo("from b");
    assertThat(fa.received).isEmpty();
  }

  @Test
  void diagnosticsShowEveryBackendWithMaskedKeysOnly() {
    Client.Answer answer = client.get("/v1/diagnostics");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.raw().body()).doesNotContain(KEY_1).doesNotContain("sk-b-key-0123456789")
        .contains("sk-…1111");
    assertThat(backend(answer.json(), "a").path("health").asText()).isEqualTo("ok");
    assertThat(answer.json().path("backends")).hasSize(config.backends().size());
    assertThat(client.post("/v1/diagnostics/backends/nope/reactivate", "").status()).isEqualTo(404);
  }

  @Test
  void theTimeBudgetStopsFurtherAttempts() {
    Timeouts quick = new Timeouts(2_000, 600, 5_000, 60_000);
    ProxyConfig budgeted = config(new FailoverSettings(5, 1_000, 0), quick,
        backend("a", "openai", fa, List.of(KEY_1), quick, RateLimits.NONE, BreakerSettings.DEFAULTS),
        backend("b", "openai", fb, List.of(KEY_2), quick, RateLimits.NONE, BreakerSettings.DEFAULTS),
        backend("c", "anthropic", fc, List.of(KEY_3), quick, RateLimits.NONE, BreakerSettings.DEFAULTS));
    Vertx other = Vertx.vertx();
    try {
      Client budgetClient = new Client(TestProxy.start(other, budgeted));
      for (FakeProvider fake : List.of(fa, fb, fc)) {
        fake.cue(new Cue.Hang());
      }
      long start = System.nanoTime();

      Client.Answer answer = budgetClient.post("/v1/chat/completions", body("a:m|b:m|c:m", false));

      long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertThat(answer.status()).isEqualTo(504);
      assertThat(fa.received).hasSize(1);
      assertThat(fb.received).hasSize(1);
      assertThat(fc.received).isEmpty();
      assertThat(elapsed).isBetween(1_100L, 3_000L);
    } finally {
      other.close().await();
    }
  }

  private static ProxyConfig config(FailoverSettings failover, Timeouts timeouts, BackendConfig... backends) {
    Map<String, BackendConfig> byName = new LinkedHashMap<>();
    for (BackendConfig backend : backends) {
      byName.put(backend.name(), backend);
    }
    return new ProxyConfig("127.0.0.1", 0, -1, "a", "info", true, List.of(), 1 << 20, 200, 30_000, byName,
        CommandSettings.DEFAULTS, null, SessionSettings.DEFAULTS, List.of(), failover);
  }

  private static BackendConfig backend(String name, String type, FakeProvider fake, List<String> keys,
      Timeouts timeouts, RateLimits limits, BreakerSettings breaker) {
    return new BackendConfig(name, type, "http://127.0.0.1:" + fake.port() + "/v1", keys, List.of(), timeouts,
        Map.of(), 20, Map.of(), limits, breaker, false);
  }

  private static String body(String model, boolean stream) {
    return "{\"model\":\"" + model + "\",\"stream\":" + stream
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  }

  private Client.Answer post(String model, boolean stream) {
    return client.post("/v1/chat/completions", body(model, stream));
  }

  private JsonNode ask(String model) {
    Client.Answer answer = post(model, false);
    assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
    return answer.json();
  }

  private static String content(JsonNode answer) {
    return answer.at("/choices/0/message/content").asText();
  }

  private JsonNode diagnostics() {
    return client.get("/v1/diagnostics").json();
  }

  private static JsonNode backend(JsonNode diagnostics, String name) {
    for (JsonNode backend : diagnostics.path("backends")) {
      if (backend.path("name").asText().equals(name)) {
        return backend;
      }
    }
    throw new AssertionError("no backend " + name + " in " + diagnostics);
  }
}
