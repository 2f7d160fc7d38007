package dev.lip.e2e;

import static dev.lip.fakes.FakeOpenAi.flood;
import static dev.lip.fakes.FakeOpenAi.hang;
import static dev.lip.fakes.FakeOpenAi.json;
import static dev.lip.fakes.FakeOpenAi.sse;
import static dev.lip.fakes.FakeOpenAi.sseThenDie;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lip.bus.FlowControl;
import dev.lip.config.ProxyConfig;
import dev.lip.config.Timeouts;
import dev.lip.fakes.Chunks;
import dev.lip.fakes.Client;
import dev.lip.fakes.FakeOpenAi;
import dev.lip.fakes.Floods;
import dev.lip.fakes.TestProxy;
import dev.lip.protocol.Json;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The OpenAI Chat Completions door end to end: real proxy on port 0, fake OpenAI upstream on port 0. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class ChatCompletionsEndToEndTest {
  private static final String KEY = "sk-test-key-0123456789";
  private static final long BODY_LIMIT = 64 * 1024;

  private Vertx vertx;
  private ProxyConfig proxyConfig;
  private FakeOpenAi fake;
  private Client client;
  private int port;

  @BeforeAll
  void start() {
    vertx = Vertx.vertx();
    fake = new FakeOpenAi();
    vertx.deployVerticle(fake).await();
    port = TestProxy.start(vertx, proxyConfig = TestProxy.config("openai", 300, BODY_LIMIT,
        TestProxy.openai("openai", fake.baseUrl(), new Timeouts(2_000, 10_000, 10_000, 60_000), List.of()),
        TestProxy.openai("strict", fake.baseUrl(), new Timeouts(2_000, 400, 400, 60_000), List.of("gpt-4o")),
        TestProxy.openai("hasty", fake.baseUrl(), new Timeouts(2_000, 5_000, 5_000, 700), List.of()),
        TestProxy.openai("nowhere", "http://127.0.0.1:1/v1", Timeouts.DEFAULTS, List.of()),
        TestProxy.mock()));
    client = new Client(port);
  }

  @BeforeEach
  void reset() {
    TestProxy.reactivate(client, proxyConfig);
    fake.received.clear();
    fake.abortedResponses.set(0);
    fake.floodWritten.set(0);
  }

  @AfterAll
  void stop() {
    vertx.close().await();
  }

  @Test
  void nonStreamedAnswerCarriesTextUsageAndHeaders() {
    fake.answer(json(200, Chunks.completion("Hello there")));

    Client.Answer answer = client.post("/v1/chat/completions",
        "{\"model\":\"openai:gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
            + "\"logprobs\":true,\"vendor_knob\":{\"x\":1}}",
        "x-request-id", "my-id-1");

    assertThat(answer.status()).isEqualTo(200);
    JsonNode body = answer.json();
    assertThat(body.path("object").asText()).isEqualTo("chat.completion");
    assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("Hello there");
    assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(11);
    assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(7);
    assertThat(body.at("/usage/prompt_tokens_details/cached_tokens").asInt()).isEqualTo(4);
    assertThat(body.at("/usage/completion_tokens_details/reasoning_tokens").asInt()).isEqualTo(2);
    assertThat(answer.header("x-request-id")).isEqualTo("my-id-1");
    assertThat(answer.header("x-llmproxy-backend")).isEqualTo("openai");

    FakeOpenAi.Received upstream = fake.received.get(0);
    assertThat(upstream.path()).isEqualTo("/v1/chat/completions");
    assertThat(upstream.headers().get("authorization")).isEqualTo("Bearer " + KEY);
    assertThat(upstream.body().path("model").asText()).isEqualTo("gpt-4o");
    assertThat(upstream.body().path("logprobs").asBoolean()).isTrue();
    assertThat(upstream.body().at("/vendor_knob/x").asInt()).isEqualTo(1);
    assertThat(upstream.body().at("/messages/0/content").asText()).isEqualTo("hi");
  }

  @Test
  void bareModelGoesToTheDefaultBackendAndRequestIdIsGeneratedWhenAbsent() {
    fake.answer(json(200, Chunks.completion("ok")));

    Client.Answer answer = client.post("/chat/completions",
        "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(fake.received.get(0).body().path("model").asText()).isEqualTo("gpt-4o-mini");
    assertThat(answer.header("x-request-id")).startsWith("req_").hasSize(36);
  }

  @Test
  void selectorParametersOverrideTheRequestBody() {
    fake.answer(json(200, Chunks.completion("ok")));

    Client.Answer answer = client.post("/v1/chat/completions",
        "{\"model\":\"openai:my-model?temperature=0.1&max_tokens=5&reasoning_effort=low\",\"temperature\":0.9,"
            + "\"top_p\":0.5,\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertThat(answer.status()).isEqualTo(200);
    JsonNode upstream = fake.received.get(0).body();
    assertThat(upstream.path("model").asText()).isEqualTo("my-model");
    assertThat(upstream.path("temperature").asDouble()).isEqualTo(0.1);
    assertThat(upstream.path("max_tokens").asInt()).isEqualTo(5);
    assertThat(upstream.path("reasoning_effort").asText()).isEqualTo("low");
    assertThat(upstream.path("top_p").asDouble()).isEqualTo(0.5);
  }

  @Test
  void streamedAnswerIsFlushedChunkByChunkWithUsageAndDone() {
    fake.answer(sse(1, Chunks.text("Hel"), Chunks.text("lo"), Chunks.finish("stop"), Chunks.usage(5, 2, 1, 0)));

    Client.Answer answer = client.post("/v1/chat/completions",
        "{\"model\":\"openai:gpt-4o\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
            + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"}]}]}");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.header("content-type")).startsWith("text/event-stream");
    List<String> data = answer.data();
    assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
    StringBuilder text = new StringBuilder();
    String finish = null;
    JsonNode usage = null;
    for (String payload : data.subList(0, data.size() - 1)) {
      JsonNode chunk = Json.parseLenient(payload.getBytes(StandardCharsets.UTF_8));
      assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
      JsonNode choice = chunk.at("/choices/0");
      text.append(choice.at("/delta/content").asText(""));
      if (choice.path("finish_reason").isTextual()) {
        finish = choice.path("finish_reason").asText();
      }
      if (chunk.has("usage") && !chunk.get("usage").isNull()) {
        usage = chunk.get("usage");
      }
    }
    assertThat(text).hasToString("Hello");
    assertThat(finish).isEqualTo("stop");
    assertThat(usage).isNotNull();
    assertThat(usage.path("prompt_tokens").asInt()).isEqualTo(5);
    assertThat(usage.at("/prompt_tokens_details/cached_tokens").asInt()).isEqualTo(1);
    JsonNode upstream = fake.received.get(0).body();
    assertThat(upstream.path("stream").asBoolean()).isTrue();
    assertThat(upstream.at("/stream_options/include_usage").asBoolean()).isTrue();
  }

  @Test
  void parallelToolCallsStreamWithTheirOwnIndices() {
    fake.answer(sse(1, Chunks.interleavedToolCalls()));

    Client.Answer answer = client.post("/v1/chat/completions", "{\"model\":\"openai:gpt-4o\",\"stream\":true,"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"weather and time?\"}],"
        + "\"tools\":[" + tool("get_weather") + "," + tool("get_time") + "],"
        + "\"tool_choice\":\"auto\",\"parallel_tool_calls\":true}");

    Map<Integer, String[]> calls = new TreeMap<>();
    String finish = null;
    for (String payload : answer.data()) {
      if (payload.equals("[DONE]")) {
        continue;
      }
      JsonNode choice = Json.parseLenient(payload.getBytes(StandardCharsets.UTF_8)).at("/choices/0");
      for (JsonNode call : choice.at("/delta/tool_calls")) {
        String[] c = calls.computeIfAbsent(call.path("index").asInt(), i -> new String[] {null, null, ""});
        if (call.has("id")) {
          c[0] = call.path("id").asText();
          c[1] = call.at("/function/name").asText();
        }
        c[2] += call.at("/function/arguments").asText("");
      }
      if (choice.path("finish_reason").isTextual()) {
        finish = choice.path("finish_reason").asText();
      }
    }
    assertThat(calls).containsOnlyKeys(0, 1);
    assertThat(calls.get(0)).containsExactly("call_a", "get_weather", "{\"city\":\"Paris\"}");
    assertThat(calls.get(1)).containsExactly("call_b", "get_time", "{\"tz\":\"UTC\"}");
    assertThat(finish).isEqualTo("tool_calls");
    JsonNode upstream = fake.received.get(0).body();
    assertThat(upstream.at("/tools/1/function/name").asText()).isEqualTo("get_time");
    assertThat(upstream.path("tool_choice").asText()).isEqualTo("auto");
    assertThat(upstream.path("parallel_tool_calls").asBoolean()).isTrue();
  }

  @Test
  void toolResultsReachTheUpstreamIntact() {
    fake.answer(json(200, Chunks.completion("It is sunny")));

    Client.Answer answer = client.post("/v1/chat/completions", "{\"model\":\"openai:gpt-4o\",\"messages\":["
        + "{\"role\":\"user\",\"content\":\"weather?\"},"
        + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_a\",\"type\":\"function\","
        + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]},"
        + "{\"role\":\"tool\",\"tool_call_id\":\"call_a\",\"content\":[{\"type\":\"text\",\"text\":\"sunny\"}]}],"
        + "\"tools\":[" + tool("get_weather") + "]}");

    assertThat(answer.status()).isEqualTo(200);
    JsonNode messages = fake.received.get(0).body().path("messages");
    assertThat(messages).hasSize(3);
    assertThat(messages.at("/1/tool_calls/0/id").asText()).isEqualTo("call_a");
    assertThat(messages.at("/1/tool_calls/0/function/arguments").asText()).isEqualTo("{\"city\":\"Paris\"}");
    assertThat(messages.at("/2/role").asText()).isEqualTo("tool");
    assertThat(messages.at("/2/tool_call_id").asText()).isEqualTo("call_a");
    assertThat(messages.at("/2/content").toString()).contains("sunny");
  }

  @Test
  void malformedJsonIsA400InOpenAiShape() {
    Client.Answer answer = client.post("/v1/chat/completions", "{\"model\": \"x\", \"messages\": [");
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().at("/error/type").asText()).isEqualTo("invalid_request_error");
    assertThat(answer.json().at("/error/message").asText()).contains("not valid JSON");
    assertThat(answer.header("x-request-id")).isNotBlank();
  }

  @Test
  void wrongTypesAndMissingMessagesAre400s() {
    Client.Answer wrongType = client.post("/v1/chat/completions", "{\"model\":\"openai:gpt-4o\",\"messages\":\"hi\"}");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.json().at("/error/param").asText()).startsWith("messages");

    Client.Answer missing = client.post("/v1/chat/completions", "{\"model\":\"openai:gpt-4o\"}");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().at("/error/message").asText()).contains("messages");

    Client.Answer notAnObject = client.post("/v1/chat/completions", "[1,2]");
    assertThat(notAnObject.status()).isEqualTo(400);
    assertThat(fake.received).isEmpty();
  }

  @Test
  void unknownPathIsA404ThatSaysSo() {
    Client.Answer answer = client.get("/v1/nope");
    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.json().at("/error/code").asText()).isEqualTo("unknown_url");
    assertThat(answer.json().at("/error/message").asText()).contains("/v1/nope");
    assertThat(answer.header("x-request-id")).isNotBlank();
  }

  @Test
  void oversizedBodyIsA413() {
    String big = "x".repeat((int) BODY_LIMIT + 10);
    Client.Answer answer = client.post("/v1/chat/completions",
        "{\"model\":\"openai:gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"" + big + "\"}]}");
    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.json().at("/error/message").asText()).contains("limit");
    assertThat(fake.received).isEmpty();
  }

  @Test
  void unknownBackendAndUnknownModelAre404s() {
    Client.Answer backend = client.post("/v1/chat/completions", "{\"model\":\"nosuch:gpt-4o\",\"messages\":"
        + "[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(backend.status()).isEqualTo(404);
    assertThat(backend.json().at("/error/message").asText()).contains("nosuch");

    Client.Answer model = client.post("/v1/chat/completions", "{\"model\":\"strict:gpt-3\",\"messages\":"
        + "[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(model.status()).isEqualTo(404);
    assertThat(model.json().at("/error/message").asText()).contains("gpt-3");
    assertThat(fake.received).isEmpty();
  }

  @Test
  void upstream429KeepsItsStatusAndRetryAfter() {
    fake.answer(json(429, MultiMap.caseInsensitiveMultiMap().add("retry-after", "7"),
        "{\"error\":{\"message\":\"Rate limit reached for " + KEY + "\",\"type\":\"requests\"}}"));

    Client.Answer answer = client.post("/v1/chat/completions", userMessage("openai:gpt-4o", false));

    assertThat(answer.status()).isEqualTo(429);
    assertThat(answer.header("retry-after")).isEqualTo("7");
    assertThat(answer.json().at("/error/type").asText()).isEqualTo("rate_limit_error");
    assertThat(answer.raw().body()).doesNotContain(KEY);
  }

  @Test
  void upstream400KeepsItsStatusAndMessageWithoutInventingAParam() {
    fake.answer(json(400, "{\"error\":{\"message\":\"context too long\"}}"));

    Client.Answer answer = client.post("/v1/chat/completions", userMessage("openai:gpt-4o", false));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().at("/error/message").asText()).contains("context too long");
    assertThat(answer.json().at("/error/param").isNull()).isTrue();
  }

  @Test
  void upstream5xxIsA502WithTheUpstreamMessage() {
    fake.answer(json(500, "{\"error\":{\"message\":\"boom upstream\"}}"));

    Client.Answer answer = client.post("/v1/chat/completions", userMessage("openai:gpt-4o", true));

    assertThat(answer.status()).isEqualTo(502);
    assertThat(answer.json().at("/error/message").asText()).contains("boom upstream");
  }

  @Test
  void anUpstreamContextOverflowKeepsItsCodeSoClientsCanCompact() {
    fake.answer(json(400, "{\"error\":{\"message\":\"This model's maximum context length is 128000 tokens.\","
        + "\"type\":\"invalid_request_error\",\"param\":\"messages\",\"code\":\"context_length_exceeded\"}}"));

    Client.Answer answer = client.post("/v1/chat/completions", userMessage("openai:gpt-4o", false));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().at("/error/code").asText()).isEqualTo("context_length_exceeded");
    assertThat(answer.json().at("/error/type").asText()).isEqualTo("invalid_request_error");
    assertThat(answer.json().at("/error/message").asText()).contains("maximum context length is 128000 tokens");
  }

  @Test
  void anUpstreamCredentialErrorGivesNoCodeThatWouldSendTheClientAfterItsOwnKey() {
    fake.answer(json(401, "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\","
        + "\"code\":\"invalid_api_key\"}}"));

    Client.Answer answer = client.post("/v1/chat/completions", userMessage("openai:gpt-4o", false));

    assertThat(answer.status()).isEqualTo(502);
    assertThat(answer.json().at("/error/code").isNull()).isTrue();
  }

  @Test
  void upstreamErrorObjectSentWithStatus200IsA502WithTheMessageWithoutTheKey() {
    fake.answer(json(200, "{\"error\":{\"message\":\"Quota exceeded for " + KEY + "\","
        + "\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\"}}"));

    Client.Answer answer = client.post("/v1/chat/completions", userMessage("openai:gpt-4o", false));

    assertThat(answer.status()).isEqualTo(502);
    assertThat(answer.json().at("/error/message").asText()).startsWith("upstream returned 502: Quota exceeded for");
    assertThat(answer.raw().body()).doesNotContain(KEY);
  }

  @ParameterizedTest
  @ValueSource(strings = {"<html><body>secret-ish gateway page</body></html>", "", "[]",
      "{\"choices\":[{\"message\":{\"content\":\"secret-ish cut"})
  void a200AnswerThatIsNotAJsonObjectIsA502(String body) {
    fake.answer(json(200, body));

    Client.Answer answer = client.post("/v1/chat/completions", userMessage("openai:gpt-4o", false));

    assertThat(answer.status()).isEqualTo(502);
    assertThat(answer.json().at("/error/message").asText())
        .isEqualTo("upstream answer could not be read: the body is not a JSON object");
    assertThat(answer.raw().body()).doesNotContain("secret-ish");
  }

  @Test
  void silentUpstreamIsA504() {
    fake.answer(hang());

    Client.Answer answer = client.post("/v1/chat/completions", userMessage("strict:gpt-4o", false));

    assertThat(answer.status()).isEqualTo(504);
    assertThat(answer.json().at("/error/type").asText()).isEqualTo("timeout_error");
    awaitTrue(() -> fake.abortedResponses.get() == 1);
  }

  @Test
  void upstreamThatGoesSilentMidStreamHitsTheIdleTimeout() {
    fake.answer(sse(5_000, Chunks.text("first"), Chunks.text("never")));

    Client.Answer answer = client.post("/v1/chat/completions", userMessage("strict:gpt-4o", true));

    List<String> data = answer.data();
    assertThat(data.get(0)).contains("first");
    assertThat(data.get(data.size() - 2)).contains("\"error\"").contains("silent");
    assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
    assertThat(answer.raw().body()).doesNotContain("never");
    awaitTrue(() -> fake.abortedResponses.get() == 1);
  }

  @Test
  void totalTimeoutCutsALongStream() {
    String[] slowChunks = new String[40];
    java.util.Arrays.fill(slowChunks, Chunks.text("z"));
    fake.answer(sse(50, slowChunks));

    Client.Answer answer = client.post("/v1/chat/completions", userMessage("hasty:gpt-4o", true));

    List<String> data = answer.data();
    assertThat(data.size()).isLessThan(slowChunks.length);
    assertThat(data.get(data.size() - 2)).contains("\"error\"").contains("time budget");
    assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
  }

  @Test
  void unreachableUpstreamIsA502() {
    Client.Answer answer = client.post("/v1/chat/completions", userMessage("nowhere:gpt-4o", false));

    assertThat(answer.status()).isEqualTo(502);
    assertThat(answer.json().at("/error/message").asText()).contains("connect");
  }

  @Test
  void upstreamRejectingTheProxysKeyIsA502WithoutTheKey() {
    fake.answer(json(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\"}}"));

    Client.Answer answer = client.post("/v1/chat/completions", userMessage("openai:gpt-4o", false));

    assertThat(answer.status()).isEqualTo(502);
    assertThat(answer.json().at("/error/message").asText()).contains("credentials");
    assertThat(answer.raw().body()).doesNotContain(KEY);
  }

  @Test
  void upstreamDeathMidStreamEndsWithAnErrorEventAndDone() {
    fake.answer(sseThenDie(1, Chunks.text("partial")));

    Client.Answer answer = client.post("/v1/chat/completions", userMessage("openai:gpt-4o", true));

    assertThat(answer.status()).isEqualTo(200);
    List<String> data = answer.data();
    assertThat(data).hasSizeGreaterThanOrEqualTo(3);
    assertThat(data.get(0)).contains("partial");
    assertThat(data.get(data.size() - 2)).contains("\"error\"");
    assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
  }

  @Test
  void clientDisconnectCancelsTheUpstreamCall() throws IOException {
    String[] many = new String[400];
    java.util.Arrays.fill(many, Chunks.text("x"));
    fake.answer(sse(20, many));

    try (Socket socket = Floods.post(port, userMessage("openai:gpt-4o", true))) {
      BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null && !line.startsWith("data: ")) {
        assertThat(line).doesNotStartWith("HTTP/1.1 5");
      }
      assertThat(line).startsWith("data: ");
    }
    awaitTrue(() -> fake.abortedResponses.get() == 1);
  }

  @Test
  void slowClientPausesTheUpstreamInsteadOfBuffering() throws IOException {
    // Several times what the socket buffers between upstream and client held (7 000–15 000 events seen).
    int count = 100_000;
    fake.answer(flood(count, Floods.PAYLOAD));

    try (Socket socket = Floods.post(port, userMessage("openai:gpt-4o", true))) {
      int plateau = Floods.awaitPlateau(fake, count);
      assertThat(plateau).as("events the upstream could write while the client read nothing").isLessThan(count / 2);

      assertThat(Floods.readToTheEnd(socket, fake, count)).isEqualTo(count);
    }
  }

  @Test
  void aResumeLostOnTheBusIsSaidAgainSoTheStreamGoesOn() throws IOException {
    int count = 20_000;
    fake.answer(flood(count, Floods.PAYLOAD));
    AtomicInteger resumesDropped = new AtomicInteger();
    Handler<DeliveryContext<Object>> dropFirstResume = delivery -> {
      if (delivery.message().body() instanceof FlowControl flow && !flow.paused()
          && resumesDropped.compareAndSet(0, 1)) {
        return;
      }
      delivery.next();
    };
    vertx.eventBus().addOutboundInterceptor(dropFirstResume);
    try (Socket socket = Floods.post(port, userMessage("openai:gpt-4o", true))) {
      Floods.awaitPlateau(fake, count);

      assertThat(Floods.readToTheEnd(socket, fake, count)).isEqualTo(count);
      assertThat(resumesDropped).hasValue(1);
    } finally {
      vertx.eventBus().removeOutboundInterceptor(dropFirstResume);
    }
  }

  @Test
  void aPauseLostOnTheBusIsSaidAgainSoMemoryStaysBounded() throws IOException {
    int count = 100_000;
    fake.answer(flood(count, Floods.PAYLOAD));
    AtomicInteger pausesDropped = new AtomicInteger();
    Handler<DeliveryContext<Object>> dropFirstPause = delivery -> {
      if (delivery.message().body() instanceof FlowControl flow && flow.paused()
          && pausesDropped.compareAndSet(0, 1)) {
        return;
      }
      delivery.next();
    };
    vertx.eventBus().addOutboundInterceptor(dropFirstPause);
    try (Socket socket = Floods.post(port, userMessage("openai:gpt-4o", true))) {
      int plateau = Floods.awaitPlateau(fake, count);
      assertThat(pausesDropped).hasValue(1);
      assertThat(plateau).as("events the upstream could write while the client read nothing").isLessThan(count / 2);

      assertThat(Floods.readToTheEnd(socket, fake, count)).isEqualTo(count);
    } finally {
      vertx.eventBus().removeOutboundInterceptor(dropFirstPause);
    }
  }

  @Test
  void keepAliveCommentsFlowWhileTheFirstByteIsSlow() {
    Client.Answer answer = client.post("/v1/chat/completions", userMessage("mock:slow-1200", true));

    assertThat(answer.status()).isEqualTo(200);
    String body = answer.raw().body();
    assertThat(body.indexOf(": keep-alive")).isGreaterThanOrEqualTo(0).isLessThan(body.indexOf("data: "));
    assertThat(answer.data()).last().isEqualTo("[DONE]");
  }

  @Test
  void mockBackendEchoesTheLastUserMessage() {
    Client.Answer answer = client.post("/v1/chat/completions", userMessage("mock:echo", false));
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().at("/choices/0/message/content").asText()).isEqualTo("say hello");
    assertThat(answer.header("x-llmproxy-backend")).isEqualTo("mock");
  }

  @Test
  void modelListShowsEveryBackendsModels() {
    fake.answer(json(200, "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4o\",\"object\":\"model\"}]}"));

    Client.Answer answer = client.get("/v1/models");

    assertThat(answer.status()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    answer.json().path("data").forEach(m -> ids.add(m.path("id").asText()));
    assertThat(ids).contains("mock:echo", "strict:gpt-4o", "openai:gpt-4o");
  }

  @Test
  void providerModelListsAreReusedNotFetchedOnEveryListing() {
    fake.answer(json(200, "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4o\",\"object\":\"model\"}]}"));
    for (int i = 0; i < 6; i++) {
      assertThat(client.get("/v1/models").status()).isEqualTo(200);
    }
    // Two backends fetch from the fake, each with two instances that cache their own list.
    assertThat(fake.received).filteredOn(r -> r.path().equals("/v1/models")).hasSizeLessThanOrEqualTo(4);
  }

  private static String tool(String name) {
    return "{\"type\":\"function\",\"function\":{\"name\":\"" + name + "\",\"description\":\"d\","
        + "\"parameters\":{\"type\":\"object\",\"properties\":{}}}}";
  }

  private static String userMessage(String model, boolean stream) {
    return "{\"model\":\"" + model + "\",\"stream\":" + stream
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"say hello\"}]}";
  }

  private static void awaitTrue(BooleanSupplier condition) {
    long deadline = System.currentTimeMillis() + 5_000;
    while (!condition.getAsBoolean()) {
      assertThat(System.currentTimeMillis()).as("condition not met within 5 s").isLessThan(deadline);
      sleep(10);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
