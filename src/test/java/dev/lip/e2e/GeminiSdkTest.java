package dev.lip.e2e;

import static dev.lip.fakes.Script.finished;
import static dev.lip.fakes.Script.started;
import static dev.lip.fakes.Script.text;
import static dev.lip.fakes.Script.thrown;
import static dev.lip.fakes.Script.usage;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.errors.ClientException;
import com.google.genai.types.Content;
import com.google.genai.types.FinishReason;
import com.google.genai.types.FunctionCall;
import com.google.genai.types.FunctionDeclaration;
import com.google.genai.types.FunctionResponse;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.GenerateContentResponseUsageMetadata;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.HttpRetryOptions;
import com.google.genai.types.Part;
import com.google.genai.types.Schema;
import com.google.genai.types.ThinkingConfig;
import com.google.genai.types.Tool;
import com.google.genai.types.Type;
import dev.lip.config.BackendConfig;
import dev.lip.config.ProxyConfig;
import dev.lip.config.Timeouts;
import dev.lip.fakes.FakeProvider;
import dev.lip.fakes.TestProxy;
import dev.lip.model.ChatEvent;
import dev.lip.model.ChatRequest;
import dev.lip.model.Message;
import dev.lip.model.ProxyError;
import dev.lip.model.Role;
import dev.lip.model.StopReason;
import dev.lip.model.ToolDefinition;
import dev.lip.protocol.Json;
import dev.lip.protocol.responses.ResponsesDialect;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The official {@code google-genai} SDK against the real proxy's Gemini door, whose backend is a fake
 * OpenAI Responses provider: answers must parse and carry exactly what the provider said, and the
 * provider must receive the SDK's request (decoded here back to canonical form).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class GeminiSdkTest {
  private static final String MODEL = "b-responses:model-x";
  /** A provider's reasoning signature: opaque base64, as Anthropic's and OpenAI's are. */
  private static final String SIGNATURE = "c2lnLTE=";

  private Vertx vertx;
  private ProxyConfig proxyConfig;
  private dev.lip.fakes.Client proxy;
  private FakeProvider fake;
  private Client client;
  private int port;

  @BeforeAll
  void start() {
    vertx = Vertx.vertx();
    fake = new FakeProvider(new ResponsesDialect());
    vertx.deployVerticle(fake).await();
    BackendConfig backend = new BackendConfig("b-responses", "openai-responses",
        "http://127.0.0.1:" + fake.port() + "/v1", List.of("sk-test-key-0123456789"), List.of(),
        new Timeouts(2_000, 10_000, 10_000, 60_000), Map.of(), 10);
    port = TestProxy.start(vertx, proxyConfig = TestProxy.config("b-responses", 300, 1024 * 1024, backend,
        TestProxy.mock()));
    proxy = new dev.lip.fakes.Client(port);
    client = client("v1beta");
  }

  /** A client of the proxy; {@code apiVersion} null keeps the SDK's default (v1 in google-genai 2.x). */
  private Client client(String apiVersion) {
    HttpOptions.Builder options = HttpOptions.builder()
        .baseUrl("http://127.0.0.1:" + port)
        .timeout(20_000)
        .retryOptions(HttpRetryOptions.builder().attempts(1).build());
    if (apiVersion != null) {
      options.apiVersion(apiVersion);
    }
    return Client.builder().apiKey("x").httpOptions(options.build()).build();
  }

  @BeforeEach
  void reset() {
    TestProxy.reactivate(proxy, proxyConfig);
    fake.received.clear();
    fake.rawRequests.clear();
  }

  @AfterAll
  void stop() {
    client.close();
    vertx.close().await();
  }

  @Test
  void generateContentHasTextFinishReasonAndUsageMetadata() {
    fake.answer(List.of(started(), text("Hello"), text(" there"), usage(11, 7), finished(StopReason.END_TURN)));

    GenerateContentResponse response = client.models.generateContent(MODEL, "hi",
        GenerateContentConfig.builder().systemInstruction(Content.fromParts(Part.fromText("be brief"))).build());

    assertThat(response.text()).isEqualTo("Hello there");
    assertThat(response.finishReason().knownEnum()).isEqualTo(FinishReason.Known.STOP);
    GenerateContentResponseUsageMetadata usage = response.usageMetadata().orElseThrow();
    assertThat(usage.promptTokenCount()).contains(11);
    assertThat(usage.candidatesTokenCount()).contains(7);
    assertThat(usage.totalTokenCount()).contains(18);

    ChatRequest upstream = onlyUpstreamRequest();
    assertThat(upstream.stream()).isFalse();
    assertThat(upstream.system()).extracting(p -> ((dev.lip.model.Part.Text) p).text()).containsExactly("be brief");
    assertThat(upstream.messages()).hasSize(1);
    assertThat(upstream.messages().get(0).role()).isEqualTo(Role.USER);
    assertThat(upstream.messages().get(0).text()).isEqualTo("hi");
    assertThat(fake.rawRequests.get(0).path()).isEqualTo("/v1/responses");
  }

  @Test
  void theSdksDefaultApiVersionIsServed() {
    fake.answer(List.of(started(), text("Hello"), usage(1, 1), finished(StopReason.END_TURN)));

    try (Client defaults = client(null)) {
      assertThat(defaults.models.generateContent(MODEL, "hi", null).text()).isEqualTo("Hello");
    }
    assertThat(onlyUpstreamRequest().messages().get(0).text()).isEqualTo("hi");
  }

  @Test
  void generateContentStreamDeliversEveryChunk() {
    fake.answer(List.of(started(), text("Hel"), text("lo"), text(" world"), usage(5, 3),
        finished(StopReason.END_TURN)));

    List<GenerateContentResponse> chunks = stream(MODEL, List.of(Content.fromParts(Part.fromText("hi"))),
        GenerateContentConfig.builder().build());

    StringBuilder text = new StringBuilder();
    FinishReason finish = null;
    for (GenerateContentResponse chunk : chunks) {
      if (chunk.text() != null) {
        text.append(chunk.text());
      }
      if (chunk.candidates().isPresent() && !chunk.candidates().get().isEmpty()
          && chunk.candidates().get().get(0).finishReason().isPresent()) {
        finish = chunk.finishReason();
      }
    }
    assertThat(chunks.size()).isGreaterThanOrEqualTo(3);
    assertThat(text).hasToString("Hello world");
    assertThat(finish).isNotNull();
    assertThat(finish.knownEnum()).isEqualTo(FinishReason.Known.STOP);
    GenerateContentResponseUsageMetadata usage = chunks.get(chunks.size() - 1).usageMetadata().orElseThrow();
    assertThat(usage.promptTokenCount()).contains(5);
    assertThat(usage.candidatesTokenCount()).contains(3);

    ChatRequest upstream = onlyUpstreamRequest();
    assertThat(upstream.stream()).isTrue();
    assertThat(upstream.messages().get(0).text()).isEqualTo("hi");
  }

  @Test
  void parallelFunctionCallsAndFunctionResponsesRoundTrip() {
    fake.answer(List.of(started(),
        new ChatEvent.ToolCallStarted(0, "call_a", "get_weather"),
        new ChatEvent.ToolCallStarted(1, "call_b", "get_time"),
        new ChatEvent.ToolCallDelta(0, "{\"city\":"),
        new ChatEvent.ToolCallDelta(1, "{\"tz\":\"UTC\"}"),
        new ChatEvent.ToolCallDelta(0, "\"Paris\"}"),
        new ChatEvent.ToolCallDone(0), new ChatEvent.ToolCallDone(1),
        usage(20, 10), finished(StopReason.TOOL_USE)));
    Content question = Content.builder().role("user").parts(Part.fromText("weather and time?")).build();

    GenerateContentResponse first = client.models.generateContent(MODEL, List.of(question), toolConfig());

    List<FunctionCall> calls = first.functionCalls();
    assertThat(calls).hasSize(2);
    assertThat(calls.get(0).name()).contains("get_weather");
    assertThat(calls.get(0).args()).contains(Map.of("city", "Paris"));
    assertThat(calls.get(1).name()).contains("get_time");
    assertThat(calls.get(1).args()).contains(Map.of("tz", "UTC"));
    ChatRequest firstUpstream = onlyUpstreamRequest();
    assertThat(firstUpstream.tools()).extracting(ToolDefinition::name).containsExactly("get_weather", "get_time");
    assertThat(firstUpstream.tools().get(0).parameters().at("/properties/city/type").asText().toLowerCase())
        .isEqualTo("string");

    reset();
    fake.answer(List.of(started(), text("Sunny in Paris at 12:00"), usage(30, 5), finished(StopReason.END_TURN)));
    Content modelTurn = first.candidates().orElseThrow().get(0).content().orElseThrow();
    Content results = Content.builder().role("user").parts(
        functionResponse(calls.get(0), Map.of("weather", "sunny")),
        functionResponse(calls.get(1), Map.of("time", "12:00"))).build();

    GenerateContentResponse last = client.models.generateContent(MODEL, List.of(question, modelTurn, results),
        toolConfig());

    assertThat(last.text()).isEqualTo("Sunny in Paris at 12:00");
    ChatRequest upstream = onlyUpstreamRequest();
    List<dev.lip.model.Part.ToolCall> sentCalls = new ArrayList<>();
    List<dev.lip.model.Part.ToolResult> sentResults = new ArrayList<>();
    for (Message m : upstream.messages()) {
      for (dev.lip.model.Part p : m.parts()) {
        if (p instanceof dev.lip.model.Part.ToolCall) {
          sentCalls.add((dev.lip.model.Part.ToolCall) p);
        } else if (p instanceof dev.lip.model.Part.ToolResult) {
          sentResults.add((dev.lip.model.Part.ToolResult) p);
        }
      }
    }
    assertThat(upstream.messages().get(0).text()).isEqualTo("weather and time?");
    assertThat(sentCalls).extracting(dev.lip.model.Part.ToolCall::name).containsExactly("get_weather", "get_time");
    assertThat(sentCalls).extracting(dev.lip.model.Part.ToolCall::id).containsExactly("call_a", "call_b");
    assertThat(Json.parseLenient(sentCalls.get(0).arguments().getBytes()).path("city").asText()).isEqualTo("Paris");
    assertThat(Json.parseLenient(sentCalls.get(1).arguments().getBytes()).path("tz").asText()).isEqualTo("UTC");
    assertThat(sentResults).extracting(dev.lip.model.Part.ToolResult::callId).containsExactly("call_a", "call_b");
    assertThat(Json.parseLenient(sentResults.get(0).text().getBytes()).path("weather").asText()).isEqualTo("sunny");
    assertThat(Json.parseLenient(sentResults.get(1).text().getBytes()).path("time").asText()).isEqualTo("12:00");
  }

  @Test
  void includeThoughtsGivesThoughtPartsApartFromTheText() {
    fake.answer(List.of(started(), new ChatEvent.ThinkingDelta("Let me think.", null),
        new ChatEvent.ThinkingDelta("", SIGNATURE), text("Answer"), usage(3, 4), finished(StopReason.END_TURN)));
    GenerateContentConfig config = GenerateContentConfig.builder()
        .thinkingConfig(ThinkingConfig.builder().includeThoughts(true).thinkingBudget(1024).build()).build();
    List<Content> question = List.of(Content.fromParts(Part.fromText("Why?")));

    assertThoughtThenText(client.models.generateContent(MODEL, question, config).parts());
    List<Part> streamed = new ArrayList<>();
    for (GenerateContentResponse chunk : stream(MODEL, question, config)) {
      if (chunk.parts() != null) {
        streamed.addAll(chunk.parts());
      }
    }
    assertThat(joined(streamed, true)).isEqualTo("Let me think.");
    assertThat(joined(streamed, false)).isEqualTo("Answer");
    assertThat(fake.received).hasSize(2);
    assertThat(fake.received).allSatisfy(r -> assertThat(r.reasoning().includeThoughts()).isTrue());
  }

  @Test
  void upstream429IsAClientExceptionWithCode429() {
    fake.fail(new ProxyError(ProxyError.Kind.RATE_LIMITED, 429, "slow down", true, 3L, null));
    List<Content> hi = List.of(Content.fromParts(Part.fromText("hi")));

    assertRateLimited(thrown(ClientException.class,
        () -> client.models.generateContent(MODEL, hi, GenerateContentConfig.builder().build())));
    assertRateLimited(thrown(ClientException.class,
        () -> stream(MODEL, hi, GenerateContentConfig.builder().build())));
    // The second is refused by the proxy itself: the key cools down for the Retry-After.
    assertThat(fake.received).hasSize(1);
  }

  @Test
  void countTokensIsPositiveAndNeverReachesTheUpstream() {
    int tokens = client.models.countTokens(MODEL, "How many tokens is this sentence, roughly?", null)
        .totalTokens().orElseThrow();

    assertThat(tokens).isPositive();
    assertThat(fake.received).isEmpty();
  }

  // --- helpers --------------------------------------------------------------------------------------

  private static GenerateContentConfig toolConfig() {
    return GenerateContentConfig.builder().tools(Tool.builder().functionDeclarations(
        function("get_weather", "city"), function("get_time", "tz")).build()).build();
  }

  private static FunctionDeclaration function(String name, String stringParameter) {
    return FunctionDeclaration.builder().name(name).description("d")
        .parameters(Schema.builder().type(Type.Known.OBJECT)
            .properties(Map.of(stringParameter, Schema.builder().type(Type.Known.STRING).build())).build())
        .build();
  }

  private static Part functionResponse(FunctionCall call, Map<String, Object> response) {
    FunctionResponse.Builder builder = FunctionResponse.builder().name(call.name().orElseThrow()).response(response);
    call.id().ifPresent(builder::id);
    return Part.builder().functionResponse(builder.build()).build();
  }

  private List<GenerateContentResponse> stream(String model, List<Content> contents, GenerateContentConfig config) {
    List<GenerateContentResponse> chunks = new ArrayList<>();
    try (ResponseStream<GenerateContentResponse> stream = client.models.generateContentStream(model, contents,
        config)) {
      stream.forEach(chunks::add);
    }
    return chunks;
  }

  private static void assertThoughtThenText(List<Part> parts) {
    assertThat(parts).hasSize(2);
    assertThat(parts.get(0).thought()).contains(true);
    assertThat(parts.get(0).text()).contains("Let me think.");
    assertThat(parts.get(0).thoughtSignature()).hasValueSatisfying(
        b -> assertThat(new String(b, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("sig-1"));
    assertThat(parts.get(1).thought().orElse(false)).isFalse();
    assertThat(parts.get(1).text()).contains("Answer");
  }

  private static String joined(List<Part> parts, boolean thought) {
    StringBuilder text = new StringBuilder();
    for (Part part : parts) {
      if (part.thought().orElse(false) == thought) {
        part.text().ifPresent(text::append);
      }
    }
    return text.toString();
  }

  private static void assertRateLimited(ClientException error) {
    assertThat(error.code()).isEqualTo(429);
    assertThat(error.status()).isEqualTo("RESOURCE_EXHAUSTED");
    assertThat(error.message()).contains("slow down");
  }

  private ChatRequest onlyUpstreamRequest() {
    assertThat(fake.received).hasSize(1);
    return fake.received.get(0);
  }
}
