package dev.lip.router;

import dev.lip.bus.BackendHealth;
import dev.lip.bus.ModelCatalog;
import dev.lip.config.ProxyConfig;
import dev.lip.model.ChatRequest;
import dev.lip.protocol.InvalidRequestException;
import dev.lip.router.commands.CommandContext;
import dev.lip.router.commands.CommandException;
import dev.lip.router.commands.CommandParser;
import dev.lip.router.commands.CommandRegistry;
import dev.lip.router.commands.CommandRunner;
import dev.lip.router.commands.ConversationCommands;
import dev.lip.router.selector.Leaf;
import dev.lip.router.selector.SelectorParser;
import dev.lip.session.Session;
import dev.lip.session.SessionEditor;
import io.vertx.core.Future;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The in-chat command step of a request: strips commands from the conversation (old ones from history
 * are never re-run), runs those that end the latest user message, and says whether the proxy answers by
 * itself or forwards what is left.
 */
final class Interaction {
  /** Key prefix of the throw-away session of a request that came without a session key. */
  static final String EPHEMERAL_PREFIX = "ephemeral/";
  static final String DISABLED = "In-chat commands are disabled on this proxy; nothing was changed.";
  private static final ChatRequest PROBE = ChatRequest.simple("probe", "", false);

  private final ProxyConfig config;
  private final CommandRegistry registry;
  private final ConversationCommands conversation;
  private final CommandRunner runner;
  private final RouteResolver resolver;
  private final SessionRouting routing;
  private final Supplier<Future<ModelCatalog>> catalog;
  private final Supplier<Future<List<BackendHealth>>> health;

  Interaction(ProxyConfig config, CommandRegistry registry, RouteResolver resolver, SessionRouting routing,
      Supplier<Future<ModelCatalog>> catalog, Supplier<Future<List<BackendHealth>>> health) {
    this.config = config;
    this.registry = registry;
    this.conversation = new ConversationCommands(new CommandParser(registry.names()));
    this.runner = new CommandRunner(registry);
    this.resolver = resolver;
    this.routing = routing;
    this.catalog = catalog;
    this.health = health;
  }

  /**
   * What to do with a request.
   *
   * @param request the request to forward, commands removed
   * @param session the session after the commands
   * @param answer  the proxy's own answer, or {@code null} to forward {@code request}
   */
  record Result(ChatRequest request, Session session, String answer) {
  }

  Future<Result> handle(ChatRequest request, Session session) {
    String prefix = session.commandPrefix() != null ? session.commandPrefix() : config.commands().prefix();
    ConversationCommands.Result scan = conversation.process(request.messages(), prefix,
        prefix.equals(config.commands().prefix()) ? Set.of(prefix) : Set.of(prefix, config.commands().prefix()));
    ChatRequest stripped = scan.messages() == request.messages() ? request : request.withMessages(scan.messages());
    if (scan.commands().isEmpty()) {
      return Future.succeededFuture(new Result(stripped, session, null));
    }
    if (!config.commands().enabled()) {
      return Future.succeededFuture(new Result(stripped, session, scan.commandOnly() ? DISABLED : null));
    }
    long now = System.currentTimeMillis();
    return runner.run(scan.commands(), session, editor -> context(editor, request, prefix, now), now)
        .map(outcome -> new Result(stripped, outcome.session(),
            scan.commandOnly() || outcome.failed() ? outcome.reply() : null));
  }

  /** The session id the client sees, from a store key {@code owner/id}. */
  private static String displayId(String key) {
    return key.substring(key.indexOf('/') + 1);
  }

  private CommandContext context(SessionEditor editor, ChatRequest request, String prefix, long now) {
    return new CommandContext(editor, displayId(editor.original().key()), prefix, config,
        selector -> check(editor, selector), catalog, health, registry, () -> describe(editor.build(now), request));
  }

  /** A selector a user typed, checked as it will be routed for this session. */
  private String check(SessionEditor editor, String selector) {
    String trimmed = selector.trim();
    String probe = trimmed;
    try {
      if (editor.backend != null && SelectorParser.parseSelector(trimmed, config.backends().keySet())
          instanceof Leaf leaf && leaf.backend() == null) {
        probe = editor.backend + ":" + trimmed;
      }
      resolver.plan(probe, PROBE);
    } catch (InvalidRequestException e) {
      throw new CommandException(e.getMessage());
    } catch (RouteResolver.RouteException e) {
      throw new CommandException(e.error().message());
    }
    return trimmed;
  }

  /** Where a plain request of {@code session} goes, as {@code backend:model} targets. */
  private String describe(Session session, ChatRequest request) {
    String selector = routing.selector(session, request.selector());
    try {
      Plan plan = resolver.plan(selector, request);
      return String.join(selector.indexOf('^') >= 0 ? " ^ " : " | ", plan.targets());
    } catch (RouteResolver.RouteException e) {
      return selector + " (which cannot be routed: " + e.error().message() + ")";
    }
  }
}
