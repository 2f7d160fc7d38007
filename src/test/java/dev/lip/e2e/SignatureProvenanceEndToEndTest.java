package dev.lip.e2e;

import static dev.lip.fakes.Script.finished;
import static dev.lip.fakes.Script.fold;
import static dev.lip.fakes.Script.started;
import static dev.lip.fakes.Script.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lip.config.BackendConfig;
import dev.lip.config.ProxyConfig;
import dev.lip.config.Timeouts;
import dev.lip.fakes.Client;
import dev.lip.fakes.ClientDoor;
import dev.lip.fakes.FakeProvider;
import dev.lip.fakes.TestProxy;
import dev.lip.model.ChatEvent;
import dev.lip.model.ChatRequest;
import dev.lip.model.ChatResponse;
import dev.lip.model.Message;
import dev.lip.model.Part;
import dev.lip.model.Passthrough;
import dev.lip.model.Reasoning;
import dev.lip.model.Role;
import dev.lip.model.Sampling;
import dev.lip.model.StopReason;
import dev.lip.model.ToolDefinition;
import dev.lip.protocol.ClientDialect;
import dev.lip.protocol.GoldenFiles;
import dev.lip.protocol.Json;
import dev.lip.protocol.anthropic.AnthropicDialect;
import dev.lip.protocol.gemini.GeminiDialect;
import dev.lip.protocol.responses.ResponsesDialect;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Signatures reach only the dialect that made them: the real proxy in front of three fake providers of
 * different dialects ({@code claude}: Anthropic, {@code gem}: Gemini, {@code resp}: OpenAI Responses), and
 * clients on the doors that hand signatures back (Responses, Anthropic, Gemini) re-sending their history
 * to another backend. What each fake received, as raw bytes, shows which signatures left the proxy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class SignatureProvenanceEndToEndTest {
  private static final String ANTHROPIC_SIGNATURE = "sig-from-anthropic";
  private static final String ANTHROPIC_REDACTED = "redacted-from-anthropic";
  private static final String GEMINI_THOUGHT_SIGNATURE = "sig-from-gemini-thought";
  private static final String GEMINI_CALL_SIGNATURE = "sig-from-gemini-call";
  private static final ToolDefinition WEATHER = ToolDefinition.function("get_weather", "Weather in a city",
      Json.parseLenient("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}".getBytes()));

  static List<ClientDoor> doors() {
    return List.of(ClientDoor.RESPONSES, ClientDoor.ANTHROPIC, ClientDoor.GEMINI);
  }

  static Stream<Arguments> doorsStreamedOrNot() {
    List<Arguments> cases = new ArrayList<>();
    for (ClientDoor door : doors()) {
      cases.add(Arguments.of(door, false));
      cases.add(Arguments.of(door, true));
    }
    return cases.stream();
  }

  private Vertx vertx;
  private Client client;
  private FakeProvider claude;
  private FakeProvider gem;
  private FakeProvider resp;

  @BeforeAll
  void start() {
    vertx = Vertx.vertx();
    claude = deploy(new AnthropicDialect());
    gem = deploy(new GeminiDialect());
    resp = deploy(new ResponsesDialect());
    ProxyConfig config = TestProxy.config("mock", 15_000, 1 << 20, backend("claude", "anthropic", claude, "/v1"),
        backend("gem", "gemini", gem, ""), backend("resp", "openai-responses", resp, "/v1"), TestProxy.mock());
    client = new Client(TestProxy.start(vertx, config));
  }

  @BeforeEach
  void scripts() {
    claude.answer(List.of(started(), text("from claude"), finished(StopReason.END_TURN)));
    gem.answer(List.of(started(), text("from gem"), finished(StopReason.END_TURN)));
    resp.answer(List.of(started(), text("from resp"), finished(StopReason.END_TURN)));
  }

  @AfterAll
  void stop() {
    vertx.close().await();
  }

  @ParameterizedTest(name = "{0} door, streamed: {1}")
  @MethodSource("doorsStreamedOrNot")
  void anthropicSignaturesStayWithAnthropicAcrossBackendSwitches(ClientDoor door, boolean stream) {
    String session = "sig-" + UUID.randomUUID();
    claude.cue(answer(new ChatEvent.ThinkingDelta("Let me think.", null),
        new ChatEvent.ThinkingDelta("", ANTHROPIC_SIGNATURE), new ChatEvent.RedactedThinking(ANTHROPIC_REDACTED),
        text("Because."), finished(StopReason.END_TURN)));
    List<Message> history = new ArrayList<>(List.of(user("Why?")));

    ChatResponse first = ask(door, session, request("claude:claude-x", stream, history));

    assertThat(first.content()).contains(new Part.Thinking("Let me think.", ANTHROPIC_SIGNATURE, null));
    // Gemini has no place for redacted thinking; Anthropic and Responses clients always get it.
    boolean redactedSeen = first.content().contains(new Part.RedactedThinking(ANTHROPIC_REDACTED, null));
    assertThat(redactedSeen || door.name().equals("gemini")).isTrue();
    history.add(new Message(Role.ASSISTANT, first.content()));

    history.add(user("And then?\n!/backend(gem)"));
    assertThat(ask(door, session, request("claude:claude-x", stream, history)).text()).isEqualTo("from gem");
    assertThat(lastBody(gem)).contains("Let me think.").doesNotContain(ANTHROPIC_SIGNATURE, ANTHROPIC_REDACTED);

    history.set(history.size() - 1, user("And then?\n!/backend(resp)"));
    assertThat(ask(door, session, request("claude:claude-x", stream, history)).text()).isEqualTo("from resp");
    assertThat(lastBody(resp)).doesNotContain(ANTHROPIC_SIGNATURE, ANTHROPIC_REDACTED);

    int claudeBefore = claude.rawBodies.size();
    history.set(history.size() - 1, user("And then?\n!/backend(claude)"));
    assertThat(ask(door, session, request("claude:claude-x", stream, history)).text()).isEqualTo("from claude");
    assertThat(claude.rawBodies).hasSize(claudeBefore + 1);
    assertThat(lastBody(claude)).contains(ANTHROPIC_SIGNATURE);
    if (redactedSeen) {
      assertThat(lastBody(claude)).contains(ANTHROPIC_REDACTED);
    }
  }

  @ParameterizedTest(name = "{0} door")
  @MethodSource("doors")
  void geminiSignaturesReachNeitherAnthropicNorResponses(ClientDoor door) {
    gem.cue(answer(new ChatEvent.ThinkingDelta("Pondering.", GEMINI_THOUGHT_SIGNATURE),
        new ChatEvent.ToolCallStarted(0, "call_w", "get_weather", GEMINI_CALL_SIGNATURE),
        new ChatEvent.ToolCallDelta(0, "{\"city\":\"Paris\"}"), new ChatEvent.ToolCallDone(0),
        finished(StopReason.TOOL_USE)));
    ChatResponse first = ask(door, null, request("gem:gemini-3-pro", false, List.of(user("Weather in Paris?"))));
    Part.ToolCall call = first.toolCalls().get(0);
    List<Message> history = List.of(user("Weather in Paris?"), new Message(Role.ASSISTANT, first.content()),
        new Message(Role.TOOL, List.of(new Part.ToolResult(call.id(), List.of(Part.Text.of("sunny")), false, null))));

    assertThat(ask(door, null, request("claude:claude-x", false, history)).text()).isEqualTo("from claude");
    assertThat(lastBody(claude)).contains("get_weather")
        .doesNotContain(GEMINI_THOUGHT_SIGNATURE, GEMINI_CALL_SIGNATURE);

    assertThat(ask(door, null, request("resp:gpt-x", false, history)).text()).isEqualTo("from resp");
    assertThat(lastBody(resp)).contains("get_weather")
        .doesNotContain(GEMINI_THOUGHT_SIGNATURE, GEMINI_CALL_SIGNATURE);

    assertThat(ask(door, null, request("gem:gemini-3-pro", false, history)).text()).isEqualTo("from gem");
    assertThat(lastBody(gem)).contains(GEMINI_THOUGHT_SIGNATURE);
    if (door.name().equals("gemini")) {
      // Only Gemini clients carry a call's signature back.
      assertThat(lastBody(gem)).contains(GEMINI_CALL_SIGNATURE);
    }
  }

  /**
   * A Gemini client gets Anthropic's signature-only thinking as the {@code thoughtSignature} of the call
   * that follows it, and sends it back on that call: the Gemini backend gets the call without it (and with
   * the placeholder Gemini accepts for calls it did not make).
   */
  @Test
  void aForeignSignatureOnAGeminiFunctionCallDoesNotReachGemini() {
    ClientDoor door = ClientDoor.GEMINI;
    claude.cue(answer(new ChatEvent.ThinkingDelta("", ANTHROPIC_SIGNATURE),
        new ChatEvent.ToolCallStarted(0, "toolu_1", "get_weather"),
        new ChatEvent.ToolCallDelta(0, "{\"city\":\"Oslo\"}"), new ChatEvent.ToolCallDone(0),
        finished(StopReason.TOOL_USE)));
    ChatResponse first = ask(door, null, request("claude:claude-x", false, List.of(user("Weather in Oslo?"))));
    Part.ToolCall call = first.toolCalls().get(0);
    assertThat(call.signature()).isEqualTo(ANTHROPIC_SIGNATURE);
    List<Message> history = List.of(user("Weather in Oslo?"), new Message(Role.ASSISTANT, first.content()),
        new Message(Role.TOOL, List.of(new Part.ToolResult(call.id(), List.of(Part.Text.of("snow")), false, null))));

    assertThat(ask(door, null, request("gem:gemini-3-pro", false, history)).text()).isEqualTo("from gem");

    assertThat(lastBody(gem)).contains("functionCall", "skip_thought_signature_validator")
        .doesNotContain(ANTHROPIC_SIGNATURE);
  }

  /** A one-off answer of these events, after {@code Started}. */
  private static FakeProvider.Cue answer(ChatEvent... events) {
    List<ChatEvent> script = new ArrayList<>(List.of(started()));
    script.addAll(List.of(events));
    return new FakeProvider.Cue.Answer(script);
  }

  private FakeProvider deploy(ClientDialect dialect) {
    FakeProvider fake = new FakeProvider(dialect);
    vertx.deployVerticle(fake).await();
    return fake;
  }

  private static BackendConfig backend(String name, String type, FakeProvider fake, String basePath) {
    return new BackendConfig(name, type, "http://127.0.0.1:" + fake.port() + basePath,
        List.of("sk-" + name + "-0123456789"), List.of(), new Timeouts(2_000, 10_000, 10_000, 60_000), Map.of(), 10);
  }

  private static ChatRequest request(String selector, boolean stream, List<Message> messages) {
    return new ChatRequest(selector, List.of(), messages, List.of(WEATHER), null, null, Sampling.DEFAULTS,
        Reasoning.UNSET, null, stream, false, null, Map.of(), Passthrough.NONE);
  }

  /** The answer, folded from the stream when {@code request} streams. */
  private ChatResponse ask(ClientDoor door, String session, ChatRequest request) {
    String body = new String(Json.bytes(door.wire().encodeRequest(request, request.selector())),
        StandardCharsets.UTF_8);
    String path = door.path(request.selector(), request.stream());
    Client.Answer answer = session == null
        ? client.post(path, body, "anthropic-version", "2023-06-01")
        : client.post(path, body, "anthropic-version", "2023-06-01", "x-session-id", session);
    assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
    return request.stream() ? fold(GoldenFiles.decode(door.wire().newStreamDecoder(), answer.raw().body()))
        : door.wire().decodeResponse(answer.json());
  }

  private static String lastBody(FakeProvider fake) {
    return fake.rawBodies.get(fake.rawBodies.size() - 1).toString();
  }

  private static Message user(String text) {
    return Message.text(Role.USER, text);
  }
}
