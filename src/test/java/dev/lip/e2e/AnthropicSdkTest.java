package dev.lip.e2e;

import static dev.lip.fakes.FakeOpenAi.json;
import static dev.lip.fakes.FakeOpenAi.sse;
import static dev.lip.fakes.Script.thrown;
import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.RateLimitException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.ErrorType;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import com.anthropic.models.messages.Usage;
import com.anthropic.models.models.ModelInfo;
import com.fasterxml.jackson.databind.JsonNode;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The official {@code anthropic-java} SDK against the real proxy's Anthropic door, whose backend is a fake
 * OpenAI Chat Completions upstream: every answer must parse (response validation on) and carry exactly what
 * the upstream said, and the upstream must receive the SDK's request translated to its own dialect.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class AnthropicSdkTest {
  private static final String MODEL = "b-openai:model-x";

  private Vertx vertx;
  private ProxyConfig proxyConfig;
  private Client proxy;
  private FakeOpenAi fake;
  private AnthropicClient client;

  @BeforeAll
  void start() {
    vertx = Vertx.vertx();
    fake = new FakeOpenAi();
    vertx.deployVerticle(fake).await();
    int port = TestProxy.start(vertx, proxyConfig = TestProxy.config("b-openai", 300, 1024 * 1024,
        TestProxy.openai("b-openai", fake.baseUrl(), new Timeouts(2_000, 10_000, 10_000, 60_000), List.of()),
        TestProxy.mock()));
    proxy = new Client(port);
    client = AnthropicOkHttpClient.builder()
        .baseUrl("http://127.0.0.1:" + port)
        .apiKey("x")
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
  void nonStreamedMessageHasTextStopReasonAndUsage() {
    fake.answer(json(200, Chunks.completion("Hello there")));

    Message message = client.messages().create(MessageCreateParams.builder().model(MODEL).maxTokens(256)
        .system("be brief").addUserMessage("hi").build());

    assertThat(message.content()).hasSize(1);
    assertThat(message.content().get(0).asText().text()).isEqualTo("Hello there");
    assertThat(message.stopReason()).contains(StopReason.END_TURN);
    Usage usage = message.usage();
    assertThat(usage.inputTokens()).isEqualTo(7);
    assertThat(usage.cacheReadInputTokens()).contains(4L);
    assertThat(usage.outputTokens()).isEqualTo(7);

    JsonNode upstream = onlyUpstreamBody();
    assertThat(upstream.path("model").asText()).isEqualTo("model-x");
    assertThat(upstream.path("stream").asBoolean(false)).isFalse();
    assertThat(upstream.path("max_tokens").asInt()).isEqualTo(256);
    assertMessage(upstream.at("/messages/0"), "system", "be brief");
    assertMessage(upstream.at("/messages/1"), "user", "hi");
    assertThat(upstream.path("messages")).hasSize(2);
  }

  @Test
  void streamedMessageAccumulatesEveryDeltaAndEndsWithMessageStop() {
    fake.answer(sse(1, Chunks.text("Hel"), Chunks.text("lo"), Chunks.text(" world"), Chunks.finish("stop"),
        Chunks.usage(5, 3, 1, 2)));

    List<RawMessageStreamEvent> events = stream(MessageCreateParams.builder().model(MODEL).maxTokens(256)
        .addUserMessage("hi").build());
    Message message = accumulate(events);

    assertThat(events.get(0).isMessageStart()).isTrue();
    assertThat(events.get(events.size() - 1).isMessageStop()).isTrue();
    assertThat(events.stream().filter(RawMessageStreamEvent::isContentBlockDelta).count()).isEqualTo(3);
    assertThat(message.content()).hasSize(1);
    assertThat(message.content().get(0).asText().text()).isEqualTo("Hello world");
    assertThat(message.stopReason()).contains(StopReason.END_TURN);
    assertThat(message.usage().outputTokens()).isEqualTo(3);

    JsonNode upstream = onlyUpstreamBody();
    assertThat(upstream.path("model").asText()).isEqualTo("model-x");
    assertThat(upstream.path("stream").asBoolean()).isTrue();
    assertMessage(upstream.at("/messages/0"), "user", "hi");
  }

  @Test
  void nonStreamedParallelToolCallsAndToolResultsRoundTrip() {
    fake.answer(json(200, toolCallsCompletion()));
    Message first = client.messages().create(toolParams().build());
    assertParallelToolUses(first);
    assertToolsForwarded(onlyUpstreamBody());

    fake.received.clear();
    fake.answer(json(200, Chunks.completion("Sunny in Paris, time unknown")));
    Message last = client.messages().create(withToolResults(first));

    assertThat(last.content().get(0).asText().text()).isEqualTo("Sunny in Paris, time unknown");
    assertToolResultsForwarded(onlyUpstreamBody());
  }

  @Test
  void streamedParallelToolCallsAndToolResultsRoundTrip() {
    fake.answer(sse(1, Chunks.interleavedToolCalls()));
    Message first = accumulate(stream(toolParams().build()));
    assertParallelToolUses(first);
    assertToolsForwarded(onlyUpstreamBody());

    fake.received.clear();
    fake.answer(sse(1, Chunks.text("Sunny in Paris"), Chunks.text(", time unknown"), Chunks.finish("stop")));
    Message last = accumulate(stream(withToolResults(first)));

    assertThat(last.content().get(0).asText().text()).isEqualTo("Sunny in Paris, time unknown");
    assertThat(last.stopReason()).contains(StopReason.END_TURN);
    assertToolResultsForwarded(onlyUpstreamBody());
  }

  @Test
  void reasoningIsAThinkingBlockBeforeAndApartFromTheText() {
    fake.answer(json(200, "{\"id\":\"chatcmpl-up\",\"object\":\"chat.completion\",\"created\":1,"
        + "\"model\":\"model-x\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
        + "\"reasoning_content\":\"Let me think.\",\"content\":\"Answer\"},\"finish_reason\":\"stop\"}],"
        + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4,\"total_tokens\":7}}"));
    MessageCreateParams params = MessageCreateParams.builder().model(MODEL).maxTokens(2048).enabledThinking(1024)
        .addUserMessage("Why?").build();
    assertThinkingThenText(client.messages().create(params));

    fake.answer(sse(1, Chunks.reasoning("Let me"), Chunks.reasoning(" think."), Chunks.text("Ans"),
        Chunks.text("wer"), Chunks.finish("stop")));
    assertThinkingThenText(accumulate(stream(params)));
  }

  @Test
  void upstream429IsARateLimitException() {
    fake.answer(json(429, MultiMap.caseInsensitiveMultiMap().add("retry-after", "7"),
        "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\"}}"));
    MessageCreateParams params = MessageCreateParams.builder().model(MODEL).maxTokens(256).addUserMessage("hi")
        .build();

    assertRateLimited(thrown(RateLimitException.class, () -> client.messages().create(params)));
    assertRateLimited(thrown(RateLimitException.class, () -> stream(params)));
    // The second is refused by the proxy itself: the key cools down for the Retry-After.
    assertThat(fake.received).hasSize(1);
  }

  @Test
  void countTokensIsPositiveAndNeverReachesTheUpstream() {
    long tokens = client.messages().countTokens(MessageCountTokensParams.builder().model(MODEL)
        .addUserMessage("How many tokens is this sentence, roughly?").build()).inputTokens();

    assertThat(tokens).isPositive();
    assertThat(fake.received).isEmpty();
  }

  @Test
  void modelListParsesWithoutResponseValidation() {
    List<ModelInfo> models = client.withOptions(o -> o.responseValidation(false)).models().list().data();

    assertThat(models).extracting(ModelInfo::id).contains("mock:echo");
    ModelInfo echo = models.stream().filter(m -> m.id().equals("mock:echo")).findFirst().orElseThrow();
    assertThat(echo.displayName()).isEqualTo("echo (mock)");
    assertThat(echo.createdAt().toEpochSecond()).isPositive();
  }

  @Test
  void modelListParses() {
    List<String> ids = client.models().list().data().stream().map(ModelInfo::id).toList();

    assertThat(ids).contains("mock:echo");
  }

  // --- requests -------------------------------------------------------------------------------------

  /** A first turn offering two tools. */
  private static MessageCreateParams.Builder toolParams() {
    return MessageCreateParams.builder().model(MODEL).maxTokens(512)
        .addUserMessage("weather and time?")
        .addTool(tool("get_weather", "city"))
        .addTool(tool("get_time", "tz"));
  }

  /** The second turn: the assistant's message as it came, then one user message with both results. */
  private static MessageCreateParams withToolResults(Message assistant) {
    return toolParams()
        .addMessage(assistant)
        .addUserMessageOfContentBlockParams(List.of(
            ContentBlockParam.ofToolResult(ToolResultBlockParam.builder().toolUseId("call_a").content("sunny")
                .build()),
            ContentBlockParam.ofToolResult(ToolResultBlockParam.builder().toolUseId("call_b")
                .content("clock broken").isError(true).build())))
        .build();
  }

  private static Tool tool(String name, String stringParameter) {
    return Tool.builder().name(name).description("d")
        .inputSchema(Tool.InputSchema.builder()
            .properties(Tool.InputSchema.Properties.builder()
                .putAdditionalProperty(stringParameter, JsonValue.from(Map.of("type", "string")))
                .build())
            .build())
        .build();
  }

  private List<RawMessageStreamEvent> stream(MessageCreateParams params) {
    try (StreamResponse<RawMessageStreamEvent> response = client.messages().createStreaming(params)) {
      return response.stream().toList();
    }
  }

  private static Message accumulate(List<RawMessageStreamEvent> events) {
    MessageAccumulator accumulator = MessageAccumulator.create();
    events.forEach(accumulator::accumulate);
    return accumulator.message();
  }

  /** A non-streamed upstream answer with two parallel tool calls. */
  private static String toolCallsCompletion() {
    return "{\"id\":\"chatcmpl-up\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"model-x\","
        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":["
        + toolCall("call_a", "get_weather", "{\\\"city\\\":\\\"Paris\\\"}") + ","
        + toolCall("call_b", "get_time", "{\\\"tz\\\":\\\"UTC\\\"}")
        + "]},\"finish_reason\":\"tool_calls\"}],"
        + "\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":10,\"total_tokens\":30}}";
  }

  private static String toolCall(String id, String name, String escapedArguments) {
    return "{\"id\":\"" + id + "\",\"type\":\"function\",\"function\":{\"name\":\"" + name
        + "\",\"arguments\":\"" + escapedArguments + "\"}}";
  }

  // --- assertions -----------------------------------------------------------------------------------

  private static void assertParallelToolUses(Message message) {
    assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
    List<ToolUseBlock> uses = message.content().stream().filter(ContentBlock::isToolUse)
        .map(ContentBlock::asToolUse).toList();
    assertThat(message.content()).hasSize(2);
    assertThat(uses).hasSize(2);
    assertToolUse(uses.get(0), "call_a", "get_weather", Map.of("city", "Paris"));
    assertToolUse(uses.get(1), "call_b", "get_time", Map.of("tz", "UTC"));
  }

  @SuppressWarnings("unchecked")
  private static void assertToolUse(ToolUseBlock use, String id, String name, Map<String, Object> input) {
    assertThat(use.id()).isEqualTo(id);
    assertThat(use.name()).isEqualTo(name);
    assertThat((Map<String, Object>) use._input().convert(Map.class)).isEqualTo(input);
  }

  private static void assertToolsForwarded(JsonNode upstream) {
    assertThat(upstream.path("model").asText()).isEqualTo("model-x");
    assertThat(upstream.path("tools")).hasSize(2);
    assertThat(upstream.at("/tools/0/type").asText()).isEqualTo("function");
    assertThat(upstream.at("/tools/0/function/name").asText()).isEqualTo("get_weather");
    assertThat(upstream.at("/tools/0/function/parameters/type").asText()).isEqualTo("object");
    assertThat(upstream.at("/tools/0/function/parameters/properties/city/type").asText()).isEqualTo("string");
    assertThat(upstream.at("/tools/1/function/name").asText()).isEqualTo("get_time");
    assertThat(upstream.at("/tools/1/function/parameters/properties/tz/type").asText()).isEqualTo("string");
  }

  /** Chat Completions has no field for {@code is_error}: the result's text is all that can go up. */
  private static void assertToolResultsForwarded(JsonNode upstream) {
    JsonNode messages = upstream.path("messages");
    assertThat(messages).hasSize(4);
    assertMessage(messages.get(0), "user", "weather and time?");
    assertThat(messages.at("/1/role").asText()).isEqualTo("assistant");
    assertThat(messages.at("/1/tool_calls")).hasSize(2);
    assertThat(messages.at("/1/tool_calls/0/id").asText()).isEqualTo("call_a");
    assertThat(messages.at("/1/tool_calls/0/function/name").asText()).isEqualTo("get_weather");
    assertThat(messages.at("/1/tool_calls/0/function/arguments").asText()).isEqualTo("{\"city\":\"Paris\"}");
    assertThat(messages.at("/1/tool_calls/1/id").asText()).isEqualTo("call_b");
    assertThat(messages.at("/1/tool_calls/1/function/name").asText()).isEqualTo("get_time");
    assertThat(messages.at("/1/tool_calls/1/function/arguments").asText()).isEqualTo("{\"tz\":\"UTC\"}");
    assertThat(messages.at("/2/role").asText()).isEqualTo("tool");
    assertThat(messages.at("/2/tool_call_id").asText()).isEqualTo("call_a");
    assertThat(contentText(messages.get(2))).isEqualTo("sunny");
    assertThat(messages.at("/3/role").asText()).isEqualTo("tool");
    assertThat(messages.at("/3/tool_call_id").asText()).isEqualTo("call_b");
    assertThat(contentText(messages.get(3))).isEqualTo("clock broken");
  }

  private static void assertThinkingThenText(Message message) {
    assertThat(message.content()).hasSize(2);
    assertThat(message.content().get(0).isThinking()).isTrue();
    assertThat(message.content().get(0).asThinking().thinking()).isEqualTo("Let me think.");
    assertThat(message.content().get(1).isText()).isTrue();
    assertThat(message.content().get(1).asText().text()).isEqualTo("Answer");
    assertThat(message.stopReason()).contains(StopReason.END_TURN);
  }

  private static void assertRateLimited(RateLimitException error) {
    assertThat(error.statusCode()).isEqualTo(429);
    assertThat(error.headers().values("retry-after")).containsExactly("7");
    assertThat(error.type()).contains(ErrorType.RATE_LIMIT_ERROR);
    assertThat(error.apiMessage()).hasValueSatisfying(m -> assertThat(m).contains("Rate limit reached"));
  }

  private static void assertMessage(JsonNode message, String role, String text) {
    assertThat(message.path("role").asText()).isEqualTo(role);
    assertThat(contentText(message)).isEqualTo(text);
  }

  /** A message's content as text, whether a string or an array of text parts. */
  private static String contentText(JsonNode message) {
    JsonNode content = message.path("content");
    if (content.isTextual()) {
      return content.asText();
    }
    StringBuilder text = new StringBuilder();
    content.forEach(part -> text.append(part.path("text").asText()));
    return text.toString();
  }

  private JsonNode onlyUpstreamBody() {
    assertThat(fake.received).hasSize(1);
    assertThat(fake.received.get(0).path()).isEqualTo("/v1/chat/completions");
    return fake.received.get(0).body();
  }
}
