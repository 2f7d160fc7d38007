package dev.lip.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lip.bus.BackendHealth;
import dev.lip.bus.ModelCatalog;
import dev.lip.config.BackendConfig;
import dev.lip.config.CommandSettings;
import dev.lip.config.ProxyConfig;
import dev.lip.config.SessionSettings;
import dev.lip.config.Timeouts;
import dev.lip.model.ChatRequest;
import dev.lip.model.Message;
import dev.lip.model.Part;
import dev.lip.model.Role;
import dev.lip.router.commands.CommandRegistry;
import dev.lip.session.Session;
import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command step of the router on its own: commands change the session, or fail and change nothing. */
class InteractionTest {
  private static final String KEY = "owner/session-1";

  private static ProxyConfig config(CommandSettings commands, String staticRoute) {
    Map<String, BackendConfig> backends = new LinkedHashMap<>();
    backends.put("openai", backend("openai", "openai", List.of()));
    backends.put("anthropic", backend("anthropic", "anthropic", List.of("claude-a", "claude-b")));
    backends.put("mock", backend("mock", "mock", List.of()));
    return new ProxyConfig("127.0.0.1", 0, -1, "mock", "info", true, List.of(), 1 << 20, 0, 30_000, backends,
        commands, staticRoute, SessionSettings.DEFAULTS);
  }

  private static BackendConfig backend(String name, String type, List<String> models) {
    return new BackendConfig(name, type, "http://127.0.0.1:1", List.of(), models, Timeouts.DEFAULTS, Map.of(), 1);
  }

  private final ProxyConfig config = config(CommandSettings.DEFAULTS, null);
  private Interaction interaction = interaction(config);

  private static Interaction interaction(ProxyConfig config) {
    RouteResolver resolver = new RouteResolver(config, new java.util.SplittableRandom(1));
    return new Interaction(config, CommandRegistry.standard(), resolver, new SessionRouting(config),
        () -> Future.succeededFuture(new ModelCatalog(List.of(new ModelCatalog.Entry("openai", "gpt-4o")))),
        () -> Future.succeededFuture(List.of(new BackendHealth("anthropic", "anthropic", "degraded", "CLOSED", 0, 1,
            3, 100, List.of(new BackendHealth.Key("sk-…abcd", "cooling", 5000, "429")), "HTTP 429: slow down", 1L))));
  }

  private Interaction.Result send(Session session, String text) {
    return interaction.handle(ChatRequest.simple("gpt-4o", text, false), session).result();
  }

  private static Session fresh() {
    return Session.fresh(KEY, 0);
  }

  @Test
  void aCommandOnlyMessageIsAnsweredAndChangesTheSession() {
    Interaction.Result result = send(fresh(), "!/backend(openai)");
    assertThat(result.answer()).contains("Backend set to openai").contains("openai:gpt-4o");
    assertThat(result.session().backend()).isEqualTo("openai");
    assertThat(result.session().commands()).isEqualTo(1);
  }

  @Test
  void textBeforeTheCommandIsForwardedWithoutIt() {
    Interaction.Result result = send(fresh(), "Explain monads.\n!/set(temperature=0.1)");
    assertThat(result.answer()).isNull();
    assertThat(result.request().messages()).containsExactly(Message.text(Role.USER, "Explain monads."));
    assertThat(result.session().overrides().temperature()).isEqualTo(0.1);
  }

  @Test
  void aPlainMessageLeavesTheSessionAndRequestAlone() {
    Session session = fresh();
    ChatRequest request = ChatRequest.simple("gpt-4o", "hello", false);
    Interaction.Result result = interaction.handle(request, session).result();
    assertThat(result.request()).isSameAs(request);
    assertThat(result.session()).isSameAs(session);
    assertThat(result.answer()).isNull();
  }

  @Test
  void aFailingCommandChangesNothingEvenAfterAGoodOne() {
    Interaction.Result result = send(fresh(), "!/set(temperature=0.5) !/backend(nope)");
    assertThat(result.answer()).contains("Error in !/backend(nope)").contains("unknown backend 'nope'")
        .contains("Nothing was changed");
    assertThat(result.session()).isEqualTo(fresh());
  }

  @Test
  void aFailingCommandWithTextIsAnsweredNotForwarded() {
    Interaction.Result result = send(fresh(), "write a poem !/model(anthropic:gpt-9)");
    assertThat(result.answer()).contains("not offered by backend 'anthropic'");
  }

  @Test
  void badValuesAreRefusedWithTheReason() {
    assertThat(send(fresh(), "!/temperature(7)").answer()).contains("temperature must be between 0 and 2");
    assertThat(send(fresh(), "!/set(colour=blue)").answer()).contains("unknown setting 'colour'");
    assertThat(send(fresh(), "!/set(command-prefix=!)").answer()).contains("command-prefix");
    assertThat(send(fresh(), "!/oneoff()").answer()).contains("name the target");
    assertThat(send(fresh(), "!/route(openai:gpt-4o||mock)").answer()).contains("an empty branch");
  }

  @Test
  void modelWithABackendPinsBoth() {
    Session session = send(fresh(), "!/model(anthropic:claude-b)").session();
    assertThat(session.backend()).isEqualTo("anthropic");
    assertThat(session.model()).isEqualTo("anthropic:claude-b");
    assertThat(send(session, "!/session").answer()).contains("Requests go to: anthropic:claude-b");
  }

  @Test
  void aBareModelIsCheckedAgainstTheSessionBackend() {
    Session onAnthropic = send(fresh(), "!/backend(anthropic)").session();
    assertThat(send(onAnthropic, "!/model(claude-a)").session().model()).isEqualTo("claude-a");
    assertThat(send(onAnthropic, "!/model(gpt-4o)").answer()).contains("not offered by backend 'anthropic'");
  }

  @Test
  void unsetReturnsToTheDefaults() {
    Session session = send(fresh(), "!/set(temperature=0.3, top_p=0.5, project=demo)").session();
    assertThat(session.overrides().topP()).isEqualTo(0.5);
    Session unset = send(session, "!/unset(top-p, temperature)").session();
    assertThat(unset.overrides().topP()).isNull();
    assertThat(unset.overrides().temperature()).isNull();
    assertThat(unset.project()).isEqualTo("demo");
  }

  @Test
  void reasoningLevels() {
    assertThat(send(fresh(), "!/max").session().overrides().reasoningEffort()).isEqualTo("high");
    assertThat(send(fresh(), "!/low").session().overrides().reasoningEffort()).isEqualTo("low");
    assertThat(send(fresh(), "!/no-think").session().overrides().reasoningEffort()).isEqualTo("none");
  }

  @Test
  void namedFailoverRoutes() {
    Session session = send(fresh(), "!/create-failover-route(name=safe)").session();
    session = send(session, "!/route-append(name=safe, element=openai:gpt-4o)").session();
    session = send(session, "!/route-prepend(name=safe, element=anthropic:claude-a)").session();
    assertThat(session.failoverRoutes()).containsEntry("safe", List.of("anthropic:claude-a", "openai:gpt-4o"));
    assertThat(send(session, "!/route-list(name=safe)").answer()).isEqualTo("safe: anthropic:claude-a | openai:gpt-4o");
    assertThat(send(session, "!/list-failover-routes").answer()).contains("safe: anthropic:claude-a | openai:gpt-4o");
    Session routed = send(session, "!/route(safe)").session();
    assertThat(new SessionRouting(config).selector(routed, "gpt-4o")).isEqualTo("anthropic:claude-a|openai:gpt-4o");
    Session cleared = send(routed, "!/route-clear(name=safe)").session();
    assertThat(cleared.route()).isNull();
    Session deleted = send(session, "!/delete-failover-route(name=safe)").session();
    assertThat(deleted.failoverRoutes()).isEmpty();
    assertThat(send(deleted, "!/route-list(name=safe)").answer()).contains("there is no failover route 'safe'");
  }

  @Test
  void oneoffAppliesOnceThenTheSessionRouteResumes() {
    Session session = send(fresh(), "!/backend(openai)").session();
    session = send(session, "!/oneoff(anthropic:claude-a)").session();
    SessionRouting routing = new SessionRouting(config);
    assertThat(routing.selector(session, "gpt-4o")).isEqualTo("anthropic:claude-a");
    assertThat(routing.selector(session.withoutOneoff(), "gpt-4o")).isEqualTo("openai:gpt-4o");
  }

  @Test
  void aStaticRouteRefusesBackendAndModelChanges() {
    interaction = interaction(config(CommandSettings.DEFAULTS, "openai:gpt-4o"));
    for (String command : List.of("!/backend(mock)", "!/model(mock:echo)", "!/oneoff(mock:echo)", "!/route(mock)",
        "!/set(backend=mock)", "!/unset(model)")) {
      Interaction.Result result = send(fresh(), command);
      assertThat(result.answer()).as(command).contains("a static route is configured");
      assertThat(result.session()).as(command).isEqualTo(fresh());
    }
    assertThat(send(fresh(), "!/temperature(0.2)").session().overrides().temperature()).isEqualTo(0.2);
  }

  @Test
  void disabledCommandsAreStrippedAndChangeNothing() {
    interaction = interaction(config(new CommandSettings(false, "!/"), null));
    Interaction.Result only = send(fresh(), "!/backend(openai)");
    assertThat(only.answer()).isEqualTo(Interaction.DISABLED);
    assertThat(only.session()).isEqualTo(fresh());
    Interaction.Result mixed = send(fresh(), "hi there !/backend(openai)");
    assertThat(mixed.answer()).isNull();
    assertThat(mixed.request().messages()).containsExactly(Message.text(Role.USER, "hi there"));
    assertThat(mixed.session()).isEqualTo(fresh());
  }

  @Test
  void theSessionPrefixReplacesTheDefaultOne() {
    Session session = send(fresh(), "!/set(command-prefix=##)").session();
    assertThat(session.commandPrefix()).isEqualTo("##");
    assertThat(send(session, "##backend(openai)").session().backend()).isEqualTo("openai");
    Interaction.Result old = send(session, "!/backend(openai)");
    assertThat(old.answer()).isNull();
    assertThat(old.request().messages()).containsExactly(Message.text(Role.USER, "!/backend(openai)"));
  }

  @Test
  void interactiveModeOffIgnoresCommandsButCanBeSwitchedBack() {
    Session off = send(fresh(), "!/set(interactive-mode=off)").session();
    Interaction.Result ignored = send(off, "!/backend(openai)");
    assertThat(ignored.answer()).contains("interactive-mode=on");
    assertThat(ignored.session().backend()).isNull();
    assertThat(send(off, "!/set(interactive-mode=on)").session().interactive()).isTrue();
  }

  @Test
  void helpIsBuiltFromTheRegistry() {
    String help = send(fresh(), "!/help").answer();
    for (var command : CommandRegistry.standard().all()) {
      assertThat(help).contains("!/" + command.usage());
    }
    assertThat(send(fresh(), "!/help(oneoff)").answer()).startsWith("!/oneoff(backend:model)");
    assertThat(send(fresh(), "!/help(nope)").answer()).contains("no command 'nope'");
  }

  @Test
  void informationCommands() {
    assertThat(send(fresh(), "!/hello").answer()).contains("Session session-1").contains("!/help");
    assertThat(send(fresh(), "!/backends").answer())
        .contains("- anthropic (anthropic): claude-a, claude-b — degraded, keys 0/1 active, 1 in flight, "
            + "last error: HTTP 429: slow down")
        .contains("- mock (mock): any model [default]");
    assertThat(send(fresh(), "!/models").answer()).contains("- openai:gpt-4o");
    assertThat(send(fresh(), "!/session").answer()).contains("Session session-1").contains("Requests go to: mock:gpt-4o");
  }

  @Test
  void historyCommandsAreStrippedAndNotRerun() {
    ChatRequest request = ChatRequest.simple("gpt-4o", "", false).withMessages(List.of(
        Message.text(Role.USER, "!/backend(openai)"),
        Message.text(Role.ASSISTANT, "Backend set to openai; requests now go to openai:gpt-4o"),
        Message.text(Role.USER, "first question\n!/temperature(0.4)"),
        Message.text(Role.ASSISTANT, "first answer"),
        new Message(Role.USER, List.of(Part.Text.of("second question")))));
    Interaction.Result result = interaction.handle(request, fresh()).result();
    assertThat(result.session()).isEqualTo(fresh());
    assertThat(result.request().messages()).containsExactly(
        Message.text(Role.USER, "first question"),
        Message.text(Role.ASSISTANT, "first answer"),
        Message.text(Role.USER, "second question"));
  }
}
