package dev.lip.router.commands;

import io.vertx.core.Future;

/**
 * {@code route(selector)} pins a whole selector for the session (e.g. {@code a:m1|b:m2}) or one of its
 * named failover routes; {@code route()} unpins it.
 */
final class RouteCommand extends BaseCommand {
  RouteCommand() {
    super("route", "route(selector or failover route name)",
        "pin a selector, e.g. route(openai:gpt-4o|anthropic:claude-sonnet-4); route() unpins", true);
  }

  @Override
  public Future<String> run(Arguments arguments, CommandContext context) {
    String selector = arguments.raw().isBlank() ? null : arguments.raw().trim();
    if (selector == null) {
      context.session().route = null;
      return Future.succeededFuture("Route unpinned; requests now go to " + context.effective().get());
    }
    if (context.session().failoverRoutes().containsKey(selector)) {
      if (context.session().failoverRoutes().get(selector).isEmpty()) {
        throw new CommandException("failover route '" + selector + "' is empty; add elements with route-append");
      }
    } else {
      selector = context.selectors().check(selector);
    }
    context.session().route = selector;
    return Future.succeededFuture("Route set to " + selector + "; requests now go to " + context.effective().get());
  }
}
