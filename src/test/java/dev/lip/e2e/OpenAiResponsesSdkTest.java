package dev.lip.e2e;

import static dev.lip.fakes.Script.finished;
import static dev.lip.fakes.Script.started;
import static dev.lip.fakes.Script.text;
import static dev.lip.fakes.Script.thrown;
import static dev.lip.fakes.Script.usage;
import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.RateLimitException;
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.responses.EasyInputMessage;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseOutputMessage;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.ResponseUsage;
import dev.lip.config.BackendConfig;
import dev.lip.config.ProxyConfig;
import dev.lip.config.Timeouts;
import dev.lip.fakes.Client;
import dev.lip.fakes.FakeProvider;
import dev.lip.fakes.TestProxy;
import dev.lip.model.ChatEvent;
import dev.lip.model.ChatRequest;
import dev.lip.model.Message;
import dev.lip.model.Part;
import dev.lip.model.ProxyError;
import dev.lip.model.Role;
import dev.lip.model.StopReason;
import dev.lip.model.ToolDefinition;
import dev.lip.protocol.anthropic.AnthropicDialect;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The official {@code openai-java} SDK's Responses API against the real proxy's {@code /v1/responses} door,
 * whose backend is a fake Anthropic provider: answers must parse (response validation on) and carry exactly
 * what the provider said; the provider must receive the conversation, stored turns included.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class OpenAiResponsesSdkTest {
  private static final String MODEL = "b-anthropic:model-x";

  private Vertx vertx;
  private ProxyConfig proxyConfig;
  private Client proxy;
  private FakeProvider fake;
  private OpenAIClient client;

  @BeforeAll
  void start() {
    vertx = Vertx.vertx();
    fake = new FakeProvider(new AnthropicDialect());
    vertx.deployVerticle(fake).await();
    BackendConfig backend = new BackendConfig("b-anthropic", "anthropic",
        "http://127.0.0.1:" + fake.port() + "/v1", List.of("sk-ant-test-0123456789"), List.of(),
        new Timeouts(2_000, 10_000, 10_000, 60_000), Map.of(), 10);
    int port = TestProxy.start(vertx, proxyConfig = TestProxy.config("b-anthropic", 300, 1024 * 1024, backend,
        TestProxy.mock()));
    proxy = new Client(port);
    client = OpenAIOkHttpClient.builder()
        .baseUrl("http://127.0.0.1:" + port + "/v1")
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
    fake.rawRequests.clear();
  }

  @AfterAll
  void stop() {
    client.close();
    vertx.close().await();
  }

  @Test
  void createHasTheTextACompletedStatusAndUsage() {
    fake.answer(List.of(started(), text("Hello"), text(" there"), usage(11, 7), finished(StopReason.END_TURN)));

    Response response = client.responses().create(ResponseCreateParams.builder().model(MODEL)
        .instructions("be brief").input("hi").build());

    assertThat(outputText(response)).isEqualTo("Hello there");
    assertThat(response.output()).hasSize(1);
    assertThat(response.status()).contains(ResponseStatus.COMPLETED);
    ResponseUsage usage = response.usage().orElseThrow();
    assertThat(usage.inputTokens()).isEqualTo(11);
    assertThat(usage.outputTokens()).isEqualTo(7);
    assertThat(usage.totalTokens()).isEqualTo(18);

    ChatRequest upstream = onlyUpstreamRequest();
    assertThat(upstream.stream()).isFalse();
    assertThat(upstream.system()).containsExactly(Part.Text.of("be brief"));
    assertThat(upstream.messages()).containsExactly(Message.text(Role.USER, "hi"));
    assertThat(fake.rawRequests.get(0).path()).isEqualTo("/v1/messages");
  }

  @Test
  void createStreamingDeliversEveryDeltaAndEndsWithResponseCompleted() {
    fake.answer(List.of(started(), text("Hel"), text("lo"), text(" world"), usage(5, 3),
        finished(StopReason.END_TURN)));

    List<ResponseStreamEvent> events = stream(ResponseCreateParams.builder().model(MODEL).input("hi").build());

    assertThat(events.get(0).isCreated()).isTrue();
    ResponseStreamEvent last = events.get(events.size() - 1);
    assertThat(last.isCompleted()).isTrue();
    StringBuilder deltas = new StringBuilder();
    events.stream().filter(ResponseStreamEvent::isOutputTextDelta)
        .forEach(e -> deltas.append(e.asOutputTextDelta().delta()));
    assertThat(deltas).hasToString("Hello world");
    Response completed = last.asCompleted().response();
    assertThat(completed.status()).contains(ResponseStatus.COMPLETED);
    assertThat(outputText(completed)).isEqualTo("Hello world");
    assertThat(completed.usage().orElseThrow().outputTokens()).isEqualTo(3);
    assertThat(outputText(accumulate(events))).isEqualTo("Hello world");

    ChatRequest upstream = onlyUpstreamRequest();
    assertThat(upstream.stream()).isTrue();
    assertThat(upstream.messages()).containsExactly(Message.text(Role.USER, "hi"));
  }

  @Test
  void parallelFunctionCallsAndFunctionCallOutputsRoundTrip() {
    fake.answer(List.of(started(),
        new ChatEvent.ToolCallStarted(0, "toolu_a", "get_weather"),
        new ChatEvent.ToolCallDelta(0, "{\"city\":\"Paris\"}"), new ChatEvent.ToolCallDone(0),
        new ChatEvent.ToolCallStarted(1, "toolu_b", "get_time"),
        new ChatEvent.ToolCallDelta(1, "{\"tz\":\"UTC\"}"), new ChatEvent.ToolCallDone(1),
        usage(20, 10), finished(StopReason.TOOL_USE)));
    ResponseInputItem question = ResponseInputItem.ofEasyInputMessage(EasyInputMessage.builder()
        .role(EasyInputMessage.Role.USER).content("weather and time?").build());

    Response first = client.responses().create(toolParams().inputOfResponse(List.of(question)).build());

    List<ResponseFunctionToolCall> calls = first.output().stream().filter(ResponseOutputItem::isFunctionCall)
        .map(ResponseOutputItem::asFunctionCall).toList();
    assertThat(first.output()).hasSize(2);
    assertThat(calls).extracting(c -> c.callId() + " " + c.name() + " " + c.arguments()).containsExactly(
        "toolu_a get_weather {\"city\":\"Paris\"}", "toolu_b get_time {\"tz\":\"UTC\"}");
    assertThat(onlyUpstreamRequest().tools()).extracting(ToolDefinition::name)
        .containsExactly("get_weather", "get_time");
    assertThat(onlyUpstreamRequest().tools().get(0).parameters().at("/properties/city/type").asText())
        .isEqualTo("string");

    reset();
    fake.answer(List.of(started(), text("Sunny in Paris at 12:00"), usage(30, 5), finished(StopReason.END_TURN)));
    List<ResponseInputItem> input = new ArrayList<>(List.of(question));
    calls.forEach(c -> input.add(ResponseInputItem.ofFunctionCall(c)));
    input.add(output("toolu_a", "sunny"));
    input.add(output("toolu_b", "12:00"));

    List<ResponseStreamEvent> events = stream(toolParams().inputOfResponse(input).store(false).build());

    assertThat(outputText(events.get(events.size() - 1).asCompleted().response()))
        .isEqualTo("Sunny in Paris at 12:00");
    ChatRequest upstream = onlyUpstreamRequest();
    // the fake decodes Anthropic's user turn of two tool_result blocks as one TOOL message per block
    assertThat(upstream.messages()).hasSize(4);
    assertThat(upstream.messages().get(0)).isEqualTo(Message.text(Role.USER, "weather and time?"));
    assertThat(upstream.messages().get(1).role()).isEqualTo(Role.ASSISTANT);
    assertThat(upstream.messages().get(1).parts()).extracting(p -> (Part.ToolCall) p)
        .extracting(c -> c.id() + " " + c.name() + " " + c.arguments())
        .containsExactly("toolu_a get_weather {\"city\":\"Paris\"}", "toolu_b get_time {\"tz\":\"UTC\"}");
    assertThat(upstream.messages().get(2)).isEqualTo(new Message(Role.TOOL,
        List.of(new Part.ToolResult("toolu_a", List.of(Part.Text.of("sunny")), false, null))));
    assertThat(upstream.messages().get(3)).isEqualTo(new Message(Role.TOOL,
        List.of(new Part.ToolResult("toolu_b", List.of(Part.Text.of("12:00")), false, null))));
  }

  @Test
  void previousResponseIdContinuesTheStoredConversation() {
    fake.answer(List.of(started(), text("Hi Ada"), usage(5, 2), finished(StopReason.END_TURN)));
    Response first = client.responses().create(ResponseCreateParams.builder().model(MODEL)
        .instructions("be brief").input("My name is Ada").build());
    assertThat(outputText(first)).isEqualTo("Hi Ada");

    reset();
    fake.answer(List.of(started(), text("Ada"), usage(9, 1), finished(StopReason.END_TURN)));
    List<ResponseStreamEvent> events = stream(ResponseCreateParams.builder().model(MODEL)
        .previousResponseId(first.id()).input("What is my name?").build());
    Response second = events.get(events.size() - 1).asCompleted().response();

    assertThat(outputText(second)).isEqualTo("Ada");
    ChatRequest upstream = onlyUpstreamRequest();
    assertThat(upstream.system()).as("instructions are not carried over").isEmpty();
    assertThat(upstream.messages()).containsExactly(Message.text(Role.USER, "My name is Ada"),
        Message.text(Role.ASSISTANT, "Hi Ada"), Message.text(Role.USER, "What is my name?"));

    reset();
    fake.answer(List.of(started(), text("You are welcome"), usage(12, 3), finished(StopReason.END_TURN)));
    Response third = client.responses().create(ResponseCreateParams.builder().model(MODEL)
        .previousResponseId(second.id()).input("Thanks").build());

    assertThat(outputText(third)).isEqualTo("You are welcome");
    assertThat(onlyUpstreamRequest().messages()).containsExactly(Message.text(Role.USER, "My name is Ada"),
        Message.text(Role.ASSISTANT, "Hi Ada"), Message.text(Role.USER, "What is my name?"),
        Message.text(Role.ASSISTANT, "Ada"), Message.text(Role.USER, "Thanks"));
  }

  @Test
  void aContinuedResponseEchoesItsPreviousResponseId() {
    fake.answer(List.of(started(), text("Hi Ada"), usage(5, 2), finished(StopReason.END_TURN)));
    Response first = client.responses().create(ResponseCreateParams.builder().model(MODEL)
        .input("My name is Ada").build());
    fake.answer(List.of(started(), text("Ada"), usage(9, 1), finished(StopReason.END_TURN)));
    ResponseCreateParams next = ResponseCreateParams.builder().model(MODEL).previousResponseId(first.id())
        .input("What is my name?").build();

    assertThat(client.responses().create(next).previousResponseId()).contains(first.id());
    List<ResponseStreamEvent> events = stream(next);
    assertThat(events.get(0).asCreated().response().previousResponseId()).contains(first.id());
    assertThat(events.get(events.size() - 1).asCompleted().response().previousResponseId()).contains(first.id());
  }

  @Test
  void unknownPreviousResponseIdIsABadRequestException() {
    BadRequestException error = thrown(BadRequestException.class, () -> client.responses().create(
        ResponseCreateParams.builder().model(MODEL).previousResponseId("resp_nosuch").input("hi").build()));

    assertThat(error.statusCode()).isEqualTo(400);
    assertThat(error.param()).contains("previous_response_id");
    assertThat(fake.received).isEmpty();
  }

  @Test
  void upstream429IsARateLimitException() {
    fake.fail(new ProxyError(ProxyError.Kind.RATE_LIMITED, 429, "slow down", true, 3L, null));
    ResponseCreateParams params = ResponseCreateParams.builder().model(MODEL).input("hi").build();

    for (ThrowingCallable call : List.<ThrowingCallable>of(() -> client.responses().create(params),
        () -> stream(params))) {
      RateLimitException error = thrown(RateLimitException.class, call);
      assertThat(error.statusCode()).isEqualTo(429);
      assertThat(error.headers().values("retry-after")).containsExactly("3");
      assertThat(error.getMessage()).contains("slow down");
    }
    // The second is refused by the proxy itself: the key cools down for the Retry-After.
    assertThat(fake.received).hasSize(1);
  }

  // --- helpers --------------------------------------------------------------------------------------

  private static ResponseCreateParams.Builder toolParams() {
    return ResponseCreateParams.builder().model(MODEL).addTool(function("get_weather", "city"))
        .addTool(function("get_time", "tz"));
  }

  private static FunctionTool function(String name, String stringParameter) {
    return FunctionTool.builder().name(name).description("d").strict(false)
        .parameters(FunctionTool.Parameters.builder()
            .putAdditionalProperty("type", JsonValue.from("object"))
            .putAdditionalProperty("properties", JsonValue.from(Map.of(stringParameter, Map.of("type", "string"))))
            .build())
        .build();
  }

  private static ResponseInputItem output(String callId, String output) {
    return ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder().callId(callId)
        .output(output).build());
  }

  private List<ResponseStreamEvent> stream(ResponseCreateParams params) {
    try (StreamResponse<ResponseStreamEvent> response = client.responses().createStreaming(params)) {
      return response.stream().toList();
    }
  }

  private static Response accumulate(List<ResponseStreamEvent> events) {
    ResponseAccumulator accumulator = ResponseAccumulator.create();
    events.forEach(accumulator::accumulate);
    return accumulator.response();
  }

  /** The text of every {@code output_text} part of every output message. */
  private static String outputText(Response response) {
    StringBuilder text = new StringBuilder();
    for (ResponseOutputItem item : response.output()) {
      if (item.isMessage()) {
        for (ResponseOutputMessage.Content content : item.asMessage().content()) {
          content.outputText().ifPresent(t -> text.append(t.text()));
        }
      }
    }
    return text.toString();
  }

  private ChatRequest onlyUpstreamRequest() {
    assertThat(fake.received).hasSize(1);
    return fake.received.get(0);
  }
}
