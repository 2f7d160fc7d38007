package dev.lip.e2e;

import static dev.lip.fakes.Script.finished;
import static dev.lip.fakes.Script.fold;
import static dev.lip.fakes.Script.started;
import static dev.lip.fakes.Script.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lip.config.BackendConfig;
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
import dev.lip.protocol.GoldenFiles;
import dev.lip.protocol.Json;
import dev.lip.protocol.anthropic.AnthropicDialect;
import dev.lip.protocol.openai.OpenAiChatDialect;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * In-chat commands through every door of the real proxy, against two fake providers on port 0:
 * {@code alpha} (OpenAI chat, the default backend) and {@code beta} (Anthropic). Which fake received a
 * request, and what it received, shows what the commands did.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class InChatCommandsEndToEndTest {

  static List<ClientDoor> doors() {
    return ClientDoor.all();
  }

  private Vertx vertx;
  private Client client;
  private FakeProvider alpha;
  private FakeProvider beta;

  @BeforeAll
  void start() {
    vertx = Vertx.vertx();
    alpha = new FakeProvider(new OpenAiChatDialect());
    beta = new FakeProvider(new AnthropicDialect());
    vertx.deployVerticle(alpha).await();
    vertx.deployVerticle(beta).await();
    Timeouts timeouts = new Timeouts(2_000, 10_000, 10_000, 60_000);
    BackendConfig alphaConfig = new BackendConfig("alpha", "openai", "http://127.0.0.1:" + alpha.port() + "/v1",
        List.of("sk-alpha-0123456789"), List.of(), timeouts, Map.of(), 10);
    BackendConfig betaConfig = new BackendConfig("beta", "anthropic", "http://127.0.0.1:" + beta.port() + "/v1",
        List.of("sk-beta-0123456789"), List.of(), timeouts, Map.of(), 10);
    client = new Client(TestProxy.start(vertx, TestProxy.config("alpha", 15_000, 1 << 20, alphaConfig, betaConfig,
        TestProxy.mock())));
  }

  @BeforeEach
  void scripts() {
    alpha.answer(List.of(started(), text("from alpha"), finished(StopReason.END_TURN)));
    beta.answer(List.of(started(), text("from beta"), finished(StopReason.END_TURN)));
  }

  @AfterAll
  void stop() {
    vertx.close().await();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("doors")
  void backendSwitchesTheSessionWithoutCallingAnyBackend(ClientDoor door) {
    String session = newSession();
    int alphaBefore = alpha.received.size();
    int betaBefore = beta.received.size();

    Client.Answer switched = post(door, session, false, List.of(user("!/backend(beta)")));

    assertThat(switched.status()).as(switched.raw().body()).isEqualTo(200);
    assertThat(door.wire().decodeResponse(switched.json()).text()).startsWith("Backend set to beta");
    assertThat(alpha.received).hasSize(alphaBefore);
    assertThat(beta.received).hasSize(betaBefore);

    ChatResponse answer = ask(door, session, List.of(user("hello")));

    assertThat(answer.text()).isEqualTo("from beta");
    assertThat(beta.received).hasSize(betaBefore + 1);
    assertThat(alpha.received).hasSize(alphaBefore);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("doors")
  void aCommandOnlyRequestIsAnsweredAsAStreamWhenTheClientStreams(ClientDoor door) {
    Client.Answer answer = post(door, newSession(), true, List.of(user("!/help")));

    assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
    assertThat(answer.header("content-type")).startsWith("text/event-stream");
    List<ChatEvent> events = GoldenFiles.decode(door.wire().newStreamDecoder(), answer.raw().body());
    assertThat(fold(events).text()).contains("!/backend(name)").contains("!/oneoff(backend:model)");
    assertThat(events).last().isInstanceOf(ChatEvent.Finished.class);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("doors")
  void modelPinsTheModelSentUpstream(ClientDoor door) {
    String session = newSession();
    ask(door, session, List.of(user("!/model(beta:claude-pinned)")));

    assertThat(ask(door, session, List.of(user("hi"))).text()).isEqualTo("from beta");

    assertThat(last(beta).selector()).isEqualTo("claude-pinned");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("doors")
  void oneoffAffectsExactlyOneRequest(ClientDoor door) {
    String session = newSession();
    assertThat(ask(door, session, List.of(user("!/oneoff(beta:once)"))).text()).contains("beta:once");

    assertThat(ask(door, session, List.of(user("first"))).text()).isEqualTo("from beta");
    assertThat(last(beta).selector()).isEqualTo("once");
    assertThat(ask(door, session, List.of(user("second"))).text()).isEqualTo("from alpha");
    assertThat(ask(door, session, List.of(user("third"))).text()).isEqualTo("from alpha");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("doors")
  void setTemperatureReachesTheUpstreamBodyOverTheClientsValue(ClientDoor door) {
    String session = newSession();
    ask(door, session, List.of(user("!/set(temperature=0.1)")));

    ask(door, session, request(false, List.of(user("hi")), 0.9));

    assertThat(last(alpha).sampling().temperature()).isEqualTo(0.1);
    assertThat(alpha.rawBodies.get(alpha.rawBodies.size() - 1).path("temperature").asDouble()).isEqualTo(0.1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("doors")
  void textBeforeACommandIsForwardedWithoutIt(ClientDoor door) {
    String session = newSession();

    assertThat(ask(door, session, List.of(user("Tell me a joke.\n!/backend(beta)"))).text()).isEqualTo("from beta");

    assertThat(last(beta).messages()).containsExactly(user("Tell me a joke."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("doors")
  void aClientWithoutSessionIdKeepsItsSessionAndHistoryCommandsNeitherRerunNorLeak(ClientDoor door) {
    String tag = UUID.randomUUID().toString();
    Message firstWithTag = user("Conversation " + tag + "\n!/backend(beta)");
    Client.Answer one = post(door, null, false, List.of(firstWithTag));
    String reply1 = door.wire().decodeResponse(one.json()).text();
    String id = one.header("x-session-id");
    assertThat(id).startsWith("fp-");

    List<Message> turn2 = List.of(firstWithTag, assistant("from beta"), user("!/backend(alpha)"));
    Client.Answer two = post(door, null, false, turn2);
    String reply2 = door.wire().decodeResponse(two.json()).text();
    assertThat(reply2).startsWith("Backend set to alpha");
    assertThat(two.header("x-session-id")).isEqualTo(id);

    int betaBefore = beta.received.size();
    List<Message> turn3 = List.of(firstWithTag, assistant("from beta"), user("!/backend(alpha)"), assistant(reply2),
        user("and now?"));
    Client.Answer three = post(door, null, false, turn3);

    assertThat(door.wire().decodeResponse(three.json()).text()).isEqualTo("from alpha");
    assertThat(three.header("x-session-id")).isEqualTo(id);
    assertThat(beta.received).hasSize(betaBefore);
    assertThat(last(alpha).messages()).containsExactly(user("Conversation " + tag), assistant("from beta"),
        user("and now?"));
    assertThat(reply1).isEqualTo("from beta");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("doors")
  void concurrentSessionsDoNotInterfere(ClientDoor door) throws Exception {
    String onAlpha = newSession();
    String onBeta = newSession();
    ask(door, onAlpha, List.of(user("!/backend(alpha)")));
    ask(door, onBeta, List.of(user("!/backend(beta)")));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<String[]>> calls = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String session = i % 2 == 0 ? onAlpha : onBeta;
        calls.add(() -> new String[] {session, ask(door, session, List.of(user("q"))).text()});
      }
      for (Future<String[]> result : pool.invokeAll(calls, 60, TimeUnit.SECONDS)) {
        String[] pair = result.get();
        assertThat(pair[1]).isEqualTo(pair[0].equals(onAlpha) ? "from alpha" : "from beta");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("doors")
  void knownKeysAreRedactedFromPromptsUnlessTheSessionSwitchesThatOff(ClientDoor door) {
    String session = newSession();
    ask(door, session, List.of(user("my config says key=sk-beta-0123456789, is that right?")));
    assertThat(last(alpha).lastUserMessage().text())
        .isEqualTo("my config says key=(API_KEY_HAS_BEEN_REDACTED), is that right?");

    ask(door, session, List.of(user("!/set(redact-api-keys-in-prompts=off)")));
    ask(door, session, List.of(user("again: sk-beta-0123456789")));

    assertThat(last(alpha).lastUserMessage().text()).isEqualTo("again: sk-beta-0123456789");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("doors")
  void aSelectorSyntaxErrorIsA400InTheDoorsDialect(ClientDoor door) {
    ChatRequest request = request(false, List.of(user("hi")), null).withSelector("alpha:m|beta:m^alpha:x");
    String body = new String(Json.bytes(door.wire().encodeRequest(request, request.selector())), StandardCharsets.UTF_8);
    String path = door.path(request.selector().replace("|", "%7C").replace("^", "%5E"), false);

    Client.Answer answer = client.post(path, body, "anthropic-version", "2023-06-01");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(door.wire().errorMessage(answer.json())).contains("position 14");
  }

  private static String newSession() {
    return "test-" + UUID.randomUUID();
  }

  private ChatRequest request(boolean stream, List<Message> messages, Double temperature) {
    return new ChatRequest("alpha:model-x", List.of(Part.Text.of("Be brief.")), messages, List.of(), null, null,
        new Sampling(temperature, null, null, null, List.of(), null, null, null), Reasoning.UNSET, null, stream,
        false, null, Map.of(), Passthrough.NONE);
  }

  private Client.Answer post(ClientDoor door, String session, boolean stream, List<Message> messages) {
    return post(door, session, request(stream, messages, null));
  }

  private Client.Answer post(ClientDoor door, String session, ChatRequest request) {
    String body = new String(Json.bytes(door.wire().encodeRequest(request, request.selector())), StandardCharsets.UTF_8);
    String path = door.path(request.selector(), request.stream());
    return session == null
        ? client.post(path, body, "anthropic-version", "2023-06-01")
        : client.post(path, body, "anthropic-version", "2023-06-01", "x-session-id", session);
  }

  private ChatResponse ask(ClientDoor door, String session, List<Message> messages) {
    return ask(door, session, request(false, messages, null));
  }

  private ChatResponse ask(ClientDoor door, String session, ChatRequest request) {
    Client.Answer answer = post(door, session, request);
    assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
    if (session != null) {
      assertThat(answer.header("x-session-id")).isEqualTo(session);
    }
    return door.wire().decodeResponse(answer.json());
  }

  private static ChatRequest last(FakeProvider fake) {
    return fake.received.get(fake.received.size() - 1);
  }

  private static Message user(String text) {
    return Message.text(Role.USER, text);
  }

  private static Message assistant(String text) {
    return Message.text(Role.ASSISTANT, text);
  }
}
