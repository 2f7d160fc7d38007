package dev.lip.e2e;

import static dev.lip.fakes.Script.finished;
import static dev.lip.fakes.Script.fold;
import static dev.lip.fakes.Script.started;
import static dev.lip.fakes.Script.text;
import static dev.lip.fakes.Script.usage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lip.config.BackendConfig;
import dev.lip.config.ProxyConfig;
import dev.lip.config.Timeouts;
import dev.lip.fakes.Client;
import dev.lip.fakes.FakeProvider;
import dev.lip.fakes.TestProxy;
import dev.lip.model.ChatEvent;
import dev.lip.model.ChatRequest;
import dev.lip.model.ChatResponse;
import dev.lip.model.Message;
import dev.lip.model.Part;
import dev.lip.model.ProxyError;
import dev.lip.model.Reasoning;
import dev.lip.model.Role;
import dev.lip.model.StopReason;
import dev.lip.model.ToolDefinition;
import dev.lip.protocol.ClientDialect;
import dev.lip.protocol.GoldenFiles;
import dev.lip.protocol.Json;
import dev.lip.protocol.WireDialect;
import dev.lip.protocol.anthropic.AnthropicDialect;
import dev.lip.protocol.gemini.GeminiDialect;
import dev.lip.protocol.openai.OpenAiChatDialect;
import dev.lip.protocol.responses.ResponsesDialect;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every door × every backend dialect × every scenario, through the real proxy against fake providers
 * on port 0. Client requests are written, and answers read, with the door dialect's own codecs (each
 * pinned to the real wire shapes by its golden files); fake providers answer with their dialect's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class ConformanceMatrixTest {

  /** A door: its dialect and how a client of it addresses the proxy. */
  record DoorCase(String name, Codecs dialect, PathMaker path) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** A backend dialect: the backend type that speaks it and its codecs (for the fake provider). */
  record BackendCase(String type, Codecs dialect, String basePath) {
    @Override
    public String toString() {
      return type;
    }

    String backendName() {
      return "b-" + type;
    }
  }

  /** Both sides of one dialect. */
  record Codecs(ClientDialect client, WireDialect wire) {
    static <D extends ClientDialect & WireDialect> Codecs of(D dialect) {
      return new Codecs(dialect, dialect);
    }
  }

  @FunctionalInterface
  interface PathMaker {
    String path(String selector, boolean stream);
  }

  static List<DoorCase> doors() {
    return List.of(
        new DoorCase("chat", Codecs.of(new OpenAiChatDialect()), (selector, stream) -> "/v1/chat/completions"),
        new DoorCase("responses", Codecs.of(new ResponsesDialect()), (selector, stream) -> "/v1/responses"),
        new DoorCase("anthropic", Codecs.of(new AnthropicDialect()), (selector, stream) -> "/v1/messages?beta=true"),
        new DoorCase("gemini", Codecs.of(new GeminiDialect()), (selector, stream) -> "/v1beta/models/" + selector
            + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent")));
  }

  static List<BackendCase> backends() {
    return List.of(
        new BackendCase("openai", Codecs.of(new OpenAiChatDialect()), "/v1"),
        new BackendCase("openai-responses", Codecs.of(new ResponsesDialect()), "/v1"),
        new BackendCase("anthropic", Codecs.of(new AnthropicDialect()), "/v1"),
        new BackendCase("gemini", Codecs.of(new GeminiDialect()), ""));
  }

  static Stream<Arguments> cells() {
    List<Arguments> cells = new ArrayList<>();
    for (DoorCase door : doors()) {
      for (BackendCase backend : backends()) {
        cells.add(Arguments.of(door, backend));
      }
    }
    return cells.stream();
  }

  private static final ToolDefinition WEATHER = ToolDefinition.function("get_weather", "Weather in a city",
      Json.parseLenient("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}".getBytes()));
  private static final ToolDefinition TIME = ToolDefinition.function("get_time", "Time in a zone",
      Json.parseLenient("{\"type\":\"object\",\"properties\":{\"tz\":{\"type\":\"string\"}}}".getBytes()));

  private Vertx vertx;
  private ProxyConfig proxyConfig;
  private Client client;
  private final Map<String, FakeProvider> fakes = new LinkedHashMap<>();

  @BeforeAll
  void start() {
    vertx = Vertx.vertx();
    List<BackendConfig> configs = new ArrayList<>();
    for (BackendCase backend : backends()) {
      FakeProvider fake = new FakeProvider(backend.dialect().client());
      vertx.deployVerticle(fake).await();
      fakes.put(backend.type(), fake);
      configs.add(new BackendConfig(backend.backendName(), backend.type(),
          "http://127.0.0.1:" + fake.port() + backend.basePath(), List.of("sk-matrix-0123456789"), List.of(),
          new Timeouts(2_000, 10_000, 10_000, 60_000), Map.of(), 10));
    }
    configs.add(TestProxy.mock());
    proxyConfig = TestProxy.config("mock", 15_000, 1 << 20, configs.toArray(new BackendConfig[0]));
    client = new Client(TestProxy.start(vertx, proxyConfig));
  }

  @BeforeEach
  void reactivate() {
    TestProxy.reactivate(client, proxyConfig);
  }

  @AfterAll
  void stop() {
    vertx.close().await();
  }

  @ParameterizedTest(name = "{0} door -> {1} backend")
  @MethodSource("cells")
  void plainText(DoorCase door, BackendCase backend) {
    fake(backend).answer(List.of(started(), text("Hello"), text(" world"), usage(10, 5), finished(StopReason.END_TURN)));

    ChatResponse answer = ask(door, backend, request(backend, false, List.of(user("Say hello"))));

    assertThat(answer.text()).isEqualTo("Hello world");
    assertThat(answer.stopReason()).isEqualTo(StopReason.END_TURN);
    assertThat(answer.usage().inputTokens()).isEqualTo(10);
    assertThat(answer.usage().outputTokens()).isEqualTo(5);
    assertThat(fake(backend).received.get(fake(backend).received.size() - 1).lastUserMessage().text())
        .isEqualTo("Say hello");
  }

  @ParameterizedTest(name = "{0} door -> {1} backend")
  @MethodSource("cells")
  void streamedText(DoorCase door, BackendCase backend) {
    fake(backend).answer(List.of(started(), text("Hel"), text("lo"), text(" world"), usage(10, 5),
        finished(StopReason.END_TURN)));

    List<ChatEvent> events = askStreaming(door, backend, request(backend, true, List.of(user("Say hello"))));

    assertThat(events.stream().filter(e -> e instanceof ChatEvent.TextDelta).count()).isGreaterThanOrEqualTo(2);
    ChatResponse answer = fold(events);
    assertThat(answer.text()).isEqualTo("Hello world");
    assertThat(answer.stopReason()).isEqualTo(StopReason.END_TURN);
    assertThat(events).last().isInstanceOf(ChatEvent.Finished.class);
  }

  @ParameterizedTest(name = "{0} door -> {1} backend")
  @MethodSource("cells")
  void streamedParallelToolCallsAndResults(DoorCase door, BackendCase backend) {
    FakeProvider fake = fake(backend);
    fake.answer(List.of(started(),
        new ChatEvent.ToolCallStarted(0, "call_a", "get_weather"),
        new ChatEvent.ToolCallStarted(1, "call_b", "get_time"),
        new ChatEvent.ToolCallDelta(0, "{\"city\":"),
        new ChatEvent.ToolCallDelta(1, "{\"tz\":\"UTC\"}"),
        new ChatEvent.ToolCallDelta(0, "\"Paris\"}"),
        new ChatEvent.ToolCallDone(0), new ChatEvent.ToolCallDone(1),
        usage(10, 5), finished(StopReason.TOOL_USE)));

    ChatResponse first = fold(askStreaming(door, backend,
        request(backend, true, List.of(user("Weather and time?")))));

    assertThat(first.stopReason()).isEqualTo(StopReason.TOOL_USE);
    List<Part.ToolCall> calls = first.toolCalls();
    assertThat(calls).extracting(Part.ToolCall::name).containsExactly("get_weather", "get_time");
    assertThat(Json.parseLenient(calls.get(0).arguments().getBytes()).path("city").asText()).isEqualTo("Paris");
    assertThat(Json.parseLenient(calls.get(1).arguments().getBytes()).path("tz").asText()).isEqualTo("UTC");
    ChatRequest upstream = fake.received.get(fake.received.size() - 1);
    assertThat(upstream.tools()).extracting(ToolDefinition::name).containsExactly("get_weather", "get_time");

    fake.answer(List.of(started(), text("Sunny, 10:00"), finished(StopReason.END_TURN)));
    List<Message> history = List.of(user("Weather and time?"),
        new Message(Role.ASSISTANT, List.copyOf(calls)),
        new Message(Role.TOOL, List.of(new Part.ToolResult(calls.get(0).id(), List.of(Part.Text.of("sunny")), false, null))),
        new Message(Role.TOOL, List.of(new Part.ToolResult(calls.get(1).id(), List.of(Part.Text.of("10:00")), false, null))));

    ChatResponse second = fold(askStreaming(door, backend, request(backend, true, history)));

    assertThat(second.text()).isEqualTo("Sunny, 10:00");
    List<Part.ToolResult> results = new ArrayList<>();
    for (Message m : fake.received.get(fake.received.size() - 1).messages()) {
      m.parts().stream().filter(p -> p instanceof Part.ToolResult).forEach(p -> results.add((Part.ToolResult) p));
    }
    assertThat(results).hasSize(2);
    assertThat(results.get(0).text()).contains("sunny");
    assertThat(results.get(1).text()).contains("10:00");
  }

  @ParameterizedTest(name = "{0} door -> {1} backend")
  @MethodSource("cells")
  void reasoningStaysReasoning(DoorCase door, BackendCase backend) {
    fake(backend).answer(List.of(started(), new ChatEvent.ThinkingDelta("Let me think.", null),
        new ChatEvent.ThinkingDelta("", "sig-1"), text("Answer"), usage(10, 5), finished(StopReason.END_TURN)));

    ChatResponse answer = fold(askStreaming(door, backend, request(backend, true, List.of(user("Why?")))));

    assertThat(answer.text()).isEqualTo("Answer");
    assertThat(answer.content()).filteredOn(p -> p instanceof Part.Thinking)
        .extracting(p -> ((Part.Thinking) p).text()).containsExactly("Let me think.");
  }

  @ParameterizedTest(name = "{0} door -> {1} backend")
  @MethodSource("cells")
  void upstreamErrorBeforeOutputIsTheDoorsError(DoorCase door, BackendCase backend) {
    fake(backend).fail(new ProxyError(ProxyError.Kind.RATE_LIMITED, 429, "slow down", true, 3L, null));

    Client.Answer answer = post(door, backend, request(backend, true, List.of(user("hi"))));

    assertThat(answer.status()).isEqualTo(429);
    assertThat(answer.header("retry-after")).isEqualTo("3");
    assertThat(door.dialect().wire().errorMessage(answer.json())).contains("slow down");
  }

  @ParameterizedTest(name = "{0} door -> {1} backend")
  @MethodSource("cells")
  void upstreamErrorAfterOutputEndsTheStreamWithTheDoorsErrorEvent(DoorCase door, BackendCase backend) {
    fake(backend).answer(List.of(started(), text("partial"),
        new ChatEvent.Failed(new ProxyError(ProxyError.Kind.UPSTREAM, 502, "upstream broke", true, null, null))));

    List<ChatEvent> events = askStreaming(door, backend, request(backend, true, List.of(user("hi"))));

    assertThat(fold(events).text()).isEqualTo("partial");
    assertThat(events).last().isInstanceOfSatisfying(ChatEvent.Failed.class,
        f -> assertThat(f.error().message()).contains("upstream broke"));
  }

  private FakeProvider fake(BackendCase backend) {
    return fakes.get(backend.type());
  }

  private static ChatRequest request(BackendCase backend, boolean stream, List<Message> messages) {
    return new ChatRequest(backend.backendName() + ":model-x", List.of(Part.Text.of("Be brief.")), messages,
        List.of(WEATHER, TIME), null, null, dev.lip.model.Sampling.DEFAULTS, Reasoning.UNSET, null, stream,
        stream, null, Map.of(), dev.lip.model.Passthrough.NONE);
  }

  private Client.Answer post(DoorCase door, BackendCase backend, ChatRequest request) {
    String body = new String(Json.bytes(door.dialect().wire().encodeRequest(request, request.selector())),
        java.nio.charset.StandardCharsets.UTF_8);
    return client.post(door.path().path(request.selector(), request.stream()), body,
        "anthropic-version", "2023-06-01");
  }

  private ChatResponse ask(DoorCase door, BackendCase backend, ChatRequest request) {
    Client.Answer answer = post(door, backend, request);
    assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
    return door.dialect().wire().decodeResponse(answer.json());
  }

  private List<ChatEvent> askStreaming(DoorCase door, BackendCase backend, ChatRequest request) {
    Client.Answer answer = post(door, backend, request);
    assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
    assertThat(answer.header("content-type")).startsWith("text/event-stream");
    return GoldenFiles.decode(door.dialect().wire().newStreamDecoder(), answer.raw().body());
  }

  private static Message user(String text) {
    return Message.text(Role.USER, text);
  }
}
