package dev.lip.router.commands;

import dev.lip.bus.BackendHealth;
import dev.lip.bus.ModelCatalog;
import dev.lip.config.ProxyConfig;
import dev.lip.session.SessionEditor;
import io.vertx.core.Future;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a command may look at and change.
 *
 * @param session   the session being changed
 * @param sessionId the session id the client sees
 * @param prefix    the command prefix in effect, for help texts
 * @param config    the proxy's configuration
 * @param selectors checks selectors the user types
 * @param catalog   fetches the routable models
 * @param health    fetches every backend's health
 * @param registry  every command, for help
 * @param effective where a plain request of this session goes now, for status texts
 */
public record CommandContext(
    SessionEditor session, String sessionId, String prefix, ProxyConfig config, SelectorCheck selectors,
    Supplier<Future<ModelCatalog>> catalog, Supplier<Future<List<BackendHealth>>> health,
    CommandRegistry registry, Supplier<String> effective) {

  /** Checks a selector a user typed. */
  @FunctionalInterface
  public interface SelectorCheck {
    /**
     * @return the selector, trimmed
     * @throws CommandException naming what is wrong
     */
    String check(String selector);
  }

  /** Fails when a static route is configured: then backend and model cannot change. */
  public void requireRoutable() {
    if (config.staticRoute() != null) {
      throw new CommandException("a static route is configured (" + config.staticRoute()
          + "), so backend and model cannot be changed");
    }
  }
}
