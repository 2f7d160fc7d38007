package dev.lip.e2e;

import static dev.lip.fakes.FakeOpenAi.json;
import static dev.lip.fakes.FakeOpenAi.sse;
import static dev.lip.fakes.Script.thrown;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.RateLimitException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.completions.CompletionUsage;
import com.openai.models.models.Model;
import dev.lip.config.ProxyConfig;
import dev.lip.config.Timeouts;
import dev.lip.fakes.Chunks;
import dev.lip.fakes.Client;
import dev.lip.fakes.FakeOpenAi;
import dev.lip.fakes.TestProxy;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The official {@code openai-java} SDK against the real proxy, which forwards to a fake OpenAI upstream:
 * every response must parse (with response validation on) and carry exactly what the upstream said.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class OpenAiSdkTest {
  private static final String MODEL = "openai:gpt-4o";
  private static final String WEATHER_ARGS = "{\"city\":\"Paris\"}";
  private static final String TIME_ARGS = "{\"tz\":\"UTC\"}";

  private Vertx vertx;
  private ProxyConfig proxyConfig;
  private Client proxy;
  private FakeOpenAi fake;
  private OpenAIClient client;

  @BeforeAll
  void start() {
    vertx = Vertx.vertx();
    fake = new FakeOpenAi();
    vertx.deployVerticle(fake).await();
    int port = TestProxy.start(vertx, proxyConfig = TestProxy.config("openai", 300, 1024 * 1024,
        TestProxy.openai("openai", fake.baseUrl(), new Timeouts(2_000, 10_000, 10_000, 60_000), List.of()),
        TestProxy.mock()));
    proxy = new Client(port);
    client = OpenAIOkHttpClient.builder()
        .baseUrl("http://127.0.0.1:" + port + "/v1")
        .apiKey("anything")
        .maxRetries(0)
        .responseValidation(true)
        .timeout(Duration.ofSeconds(20))
        .build();
  }

  @BeforeEach
  void reset() {
    TestProxy.reactivate(proxy, proxyConfig);
    fake.received.clear();
  }

  @AfterAll
  void stop() {
    client.close();
    vertx.close().await();
  }

  @Test
  void nonStreamedCompletionParsesWithTextFinishReasonAndUsage() {
    fake.answer(json(200, Chunks.completion("Hello there")));

    ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
        .model(MODEL).addSystemMessage("be brief").addUserMessage("hi").build());

    assertThat(completion.model()).isEqualTo("gpt-4o");
    assertThat(completion.choices()).hasSize(1);
    ChatCompletion.Choice choice = completion.choices().get(0);
    assertThat(choice.message().content()).contains("Hello there");
    assertThat(choice.message().toolCalls().orElse(List.of())).isEmpty();
    assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    assertUsage(completion.usage(), 11, 7, 4, 2);

    JsonNode upstream = onlyUpstreamBody();
    assertThat(upstream.path("model").asText()).isEqualTo("gpt-4o");
    assertThat(upstream.path("stream").asBoolean(false)).isFalse();
    assertMessage(upstream.at("/messages/0"), "system", "be brief");
    assertMessage(upstream.at("/messages/1"), "user", "hi");
    assertThat(upstream.path("messages")).hasSize(2);
  }

  @Test
  void streamedCompletionDeliversEveryDeltaTheFinishReasonAndTheUsageChunk() {
    fake.answer(sse(1, Chunks.text("Hel"), Chunks.text("lo"), Chunks.text(" world"), Chunks.finish("stop"),
        Chunks.usage(5, 3, 1, 2)));

    List<ChatCompletionChunk> chunks = stream(ChatCompletionCreateParams.builder().model(MODEL)
        .addUserMessage("hi")
        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
        .build());

    StringBuilder text = new StringBuilder();
    ChatCompletionChunk.Choice.FinishReason finish = null;
    for (ChatCompletionChunk chunk : chunks) {
      for (ChatCompletionChunk.Choice choice : chunk.choices()) {
        choice.delta().content().ifPresent(text::append);
        finish = choice.finishReason().orElse(finish);
      }
    }
    assertThat(text).hasToString("Hello world");
    assertThat(finish).isEqualTo(ChatCompletionChunk.Choice.FinishReason.STOP);
    List<ChatCompletionChunk> withUsage = chunks.stream().filter(c -> c.usage().isPresent()).toList();
    assertThat(withUsage).hasSize(1);
    assertThat(withUsage.get(0).choices()).isEmpty();
    assertUsage(withUsage.get(0).usage(), 5, 3, 1, 2);

    JsonNode upstream = onlyUpstreamBody();
    assertThat(upstream.path("model").asText()).isEqualTo("gpt-4o");
    assertThat(upstream.path("stream").asBoolean()).isTrue();
    assertThat(upstream.at("/stream_options/include_usage").asBoolean()).isTrue();
    assertMessage(upstream.at("/messages/0"), "user", "hi");
  }

  @Test
  void nonStreamedParallelToolCallsRoundTrip() {
    fake.answer(json(200, toolCallsCompletion()));
    ChatCompletion first = client.chat().completions().create(toolParams().build());
    assertParallelToolCalls(first);
    assertToolsForwarded(onlyUpstreamBody());

    fake.received.clear();
    fake.answer(json(200, Chunks.completion("Sunny in Paris at 12:00")));
    ChatCompletion last = client.chat().completions().create(withToolResults(first.choices().get(0).message()));

    assertThat(last.choices().get(0).message().content()).contains("Sunny in Paris at 12:00");
    assertToolResultsForwarded(onlyUpstreamBody());
  }

  @Test
  void streamedParallelToolCallsRoundTrip() {
    fake.answer(sse(1, Chunks.interleavedToolCalls()));
    ChatCompletion first = accumulate(toolParams().build());
    assertParallelToolCalls(first);
    assertToolsForwarded(onlyUpstreamBody());

    fake.received.clear();
    fake.answer(sse(1, Chunks.text("Sunny in Paris"), Chunks.text(" at 12:00"), Chunks.finish("stop")));
    ChatCompletion last = accumulate(withToolResults(first.choices().get(0).message()));

    assertThat(last.choices().get(0).message().content()).contains("Sunny in Paris at 12:00");
    assertThat(last.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    assertToolResultsForwarded(onlyUpstreamBody());
  }

  @Test
  void mockBackendToolCallParsesStreamedAndNot() {
    ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("mock:tool-call")
        .addUserMessage("Paris").addFunctionTool(function("get_weather", "city")).build();

    java.util.Set<String> ids = new java.util.HashSet<>();
    for (ChatCompletion completion : List.of(client.chat().completions().create(params), accumulate(params))) {
      ChatCompletion.Choice choice = completion.choices().get(0);
      assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
      List<ChatCompletionMessageToolCall> calls = choice.message().toolCalls().orElseThrow();
      assertThat(calls).hasSize(1);
      String id = calls.get(0).asFunction().id();
      assertThat(id).startsWith("call_mock_");
      ids.add(id);
      assertFunctionCall(calls.get(0), id, "get_weather", WEATHER_ARGS);
    }
    assertThat(ids).as("each answer has its own call id").hasSize(2);
    assertThat(fake.received).isEmpty();
  }

  @Test
  void upstream429IsARateLimitExceptionWithRetryAfter() {
    fake.answer(json(429, MultiMap.caseInsensitiveMultiMap().add("retry-after", "7"),
        "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\"}}"));
    ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model(MODEL).addUserMessage("hi")
        .build();

    assertRateLimited(thrown(RateLimitException.class, () -> client.chat().completions().create(params)));
    assertRateLimited(thrown(RateLimitException.class, () -> stream(params)));
    // The second is refused by the proxy itself: the key cools down for the Retry-After.
    assertThat(fake.received).hasSize(1);
  }

  @Test
  void unknownBackendIsANotFoundException() {
    NotFoundException error = thrown(NotFoundException.class,
        () -> client.chat().completions().create(ChatCompletionCreateParams.builder().model("nosuch:gpt-4o")
            .addUserMessage("hi").build()));

    assertThat(error.statusCode()).isEqualTo(404);
    assertThat(errorMessage(error)).contains("nosuch");
    assertThat(fake.received).isEmpty();
  }

  @Test
  void invalidSelectorIsABadRequestException() {
    BadRequestException error = thrown(BadRequestException.class,
        () -> client.chat().completions().create(ChatCompletionCreateParams.builder()
            .model(MODEL + "?bogus=1").addUserMessage("hi").build()));

    assertThat(error.statusCode()).isEqualTo(400);
    assertThat(error.type()).contains("invalid_request_error");
    assertThat(error.param()).contains("model");
    assertThat(errorMessage(error)).contains("unknown parameter 'bogus'");
    assertThat(fake.received).isEmpty();
  }

  @Test
  void modelListParses() {
    fake.answer(json(200, "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4o\",\"object\":\"model\","
        + "\"created\":1,\"owned_by\":\"openai\"}]}"));

    List<String> ids = client.models().list().data().stream().map(Model::id).toList();

    assertThat(ids).contains("openai:gpt-4o", "mock:echo");
  }

  // --- requests -------------------------------------------------------------------------------------

  /** A first turn offering two function tools, with parallel tool calls allowed. */
  private static ChatCompletionCreateParams.Builder toolParams() {
    return ChatCompletionCreateParams.builder().model(MODEL)
        .addUserMessage("weather and time?")
        .addFunctionTool(function("get_weather", "city"))
        .addFunctionTool(function("get_time", "tz"))
        .parallelToolCalls(true);
  }

  /** The second turn: the assistant's tool calls sent back with one {@code tool} message per call. */
  private static ChatCompletionCreateParams withToolResults(ChatCompletionMessage assistant) {
    return toolParams()
        .addMessage(assistant)
        .addMessage(ChatCompletionToolMessageParam.builder().toolCallId("call_a").content("sunny").build())
        .addMessage(ChatCompletionToolMessageParam.builder().toolCallId("call_b").content("12:00").build())
        .build();
  }

  private static FunctionDefinition function(String name, String stringParameter) {
    return FunctionDefinition.builder().name(name).description("d")
        .parameters(FunctionParameters.builder()
            .putAdditionalProperty("type", JsonValue.from("object"))
            .putAdditionalProperty("properties", JsonValue.from(Map.of(stringParameter, Map.of("type", "string"))))
            .build())
        .build();
  }

  /** Streams a request to the end, closing the stream, and returns every chunk the SDK parsed. */
  private List<ChatCompletionChunk> stream(ChatCompletionCreateParams params) {
    try (StreamResponse<ChatCompletionChunk> response = client.chat().completions().createStreaming(params)) {
      return response.stream().toList();
    }
  }

  /** Streams a request and folds its chunks with the SDK's own accumulator. */
  private ChatCompletion accumulate(ChatCompletionCreateParams params) {
    ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
    stream(params).forEach(accumulator::accumulate);
    return accumulator.chatCompletion();
  }

  /** A non-streamed upstream answer with two parallel tool calls. */
  private static String toolCallsCompletion() {
    return "{\"id\":\"chatcmpl-up\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-4o\","
        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":["
        + toolCall("call_a", "get_weather", WEATHER_ARGS) + "," + toolCall("call_b", "get_time", TIME_ARGS)
        + "]},\"finish_reason\":\"tool_calls\"}],"
        + "\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":10,\"total_tokens\":30}}";
  }

  private static String toolCall(String id, String name, String arguments) {
    return "{\"id\":\"" + id + "\",\"type\":\"function\",\"function\":{\"name\":\"" + name
        + "\",\"arguments\":\"" + arguments.replace("\"", "\\\"") + "\"}}";
  }

  // --- assertions -----------------------------------------------------------------------------------

  private static void assertParallelToolCalls(ChatCompletion completion) {
    assertThat(completion.choices()).hasSize(1);
    ChatCompletion.Choice choice = completion.choices().get(0);
    assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    List<ChatCompletionMessageToolCall> calls = choice.message().toolCalls().orElseThrow();
    assertThat(calls).hasSize(2);
    assertFunctionCall(calls.get(0), "call_a", "get_weather", WEATHER_ARGS);
    assertFunctionCall(calls.get(1), "call_b", "get_time", TIME_ARGS);
  }

  private static void assertFunctionCall(ChatCompletionMessageToolCall call, String id, String name,
      String arguments) {
    ChatCompletionMessageFunctionToolCall function = call.asFunction();
    assertThat(function.id()).isEqualTo(id);
    assertThat(function.function().name()).isEqualTo(name);
    assertThat(function.function().arguments()).isEqualTo(arguments);
  }

  private static void assertToolsForwarded(JsonNode upstream) {
    assertThat(upstream.path("model").asText()).isEqualTo("gpt-4o");
    assertThat(upstream.path("tools")).hasSize(2);
    assertThat(upstream.at("/tools/0/type").asText()).isEqualTo("function");
    assertThat(upstream.at("/tools/0/function/name").asText()).isEqualTo("get_weather");
    assertThat(upstream.at("/tools/0/function/parameters/properties/city/type").asText()).isEqualTo("string");
    assertThat(upstream.at("/tools/1/function/name").asText()).isEqualTo("get_time");
    assertThat(upstream.path("parallel_tool_calls").asBoolean()).isTrue();
  }

  private static void assertToolResultsForwarded(JsonNode upstream) {
    JsonNode messages = upstream.path("messages");
    assertThat(messages).hasSize(4);
    assertMessage(messages.get(0), "user", "weather and time?");
    assertThat(messages.at("/1/role").asText()).isEqualTo("assistant");
    assertThat(messages.at("/1/tool_calls")).hasSize(2);
    assertUpstreamCall(messages.at("/1/tool_calls/0"), "call_a", "get_weather", WEATHER_ARGS);
    assertUpstreamCall(messages.at("/1/tool_calls/1"), "call_b", "get_time", TIME_ARGS);
    assertMessage(messages.get(2), "tool", "sunny");
    assertThat(messages.at("/2/tool_call_id").asText()).isEqualTo("call_a");
    assertMessage(messages.get(3), "tool", "12:00");
    assertThat(messages.at("/3/tool_call_id").asText()).isEqualTo("call_b");
    assertToolsForwarded(upstream);
  }

  private static void assertUpstreamCall(JsonNode call, String id, String name, String arguments) {
    assertThat(call.path("id").asText()).isEqualTo(id);
    assertThat(call.path("type").asText()).isEqualTo("function");
    assertThat(call.at("/function/name").asText()).isEqualTo(name);
    assertThat(call.at("/function/arguments").asText()).isEqualTo(arguments);
  }

  /** A message's role and its text, whether sent as a string or as text parts. */
  private static void assertMessage(JsonNode message, String role, String text) {
    assertThat(message.path("role").asText()).isEqualTo(role);
    JsonNode content = message.path("content");
    StringBuilder joined = new StringBuilder();
    if (content.isTextual()) {
      joined.append(content.asText());
    } else {
      assertThat(content.isArray()).as("content of %s", message).isTrue();
      content.forEach(part -> joined.append(part.path("text").asText()));
    }
    assertThat(joined).hasToString(text);
  }

  private static void assertUsage(Optional<CompletionUsage> parsed, long prompt, long completion, long cached,
      long reasoning) {
    CompletionUsage usage = parsed.orElseThrow();
    assertThat(usage.promptTokens()).isEqualTo(prompt);
    assertThat(usage.completionTokens()).isEqualTo(completion);
    assertThat(usage.totalTokens()).isEqualTo(prompt + completion);
    assertThat(usage.promptTokensDetails().orElseThrow().cachedTokens()).contains(cached);
    assertThat(usage.completionTokensDetails().orElseThrow().reasoningTokens()).contains(reasoning);
  }

  private static void assertRateLimited(RateLimitException error) {
    assertThat(error.statusCode()).isEqualTo(429);
    assertThat(error.headers().values("retry-after")).containsExactly("7");
    assertThat(error.type()).contains("rate_limit_error");
    assertThat(errorMessage(error)).contains("Rate limit reached");
  }

  /** The exception of exactly this type that {@code call} throws. */

  private static String errorMessage(OpenAIServiceException error) {
    return error.body().toString() + " " + error.getMessage();
  }

  private JsonNode onlyUpstreamBody() {
    assertThat(fake.received).hasSize(1);
    assertThat(fake.received.get(0).path()).isEqualTo("/v1/chat/completions");
    return fake.received.get(0).body();
  }
}
