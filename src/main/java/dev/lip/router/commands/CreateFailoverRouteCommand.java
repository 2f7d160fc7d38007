package dev.lip.router.commands;

import io.vertx.core.Future;
import java.util.ArrayList;

/** {@code create-failover-route(name=…)}: a new, empty named failover route for this session. */
final class CreateFailoverRouteCommand implements Command {
  static final int MAX_ROUTES = 32;

  @Override
  public String name() {
    return "create-failover-route";
  }

  @Override
  public String usage() {
    return "create-failover-route(name=…)";
  }

  @Override
  public String summary() {
    return "create an empty named failover route; fill it with route-append";
  }

  @Override
  public Future<String> run(Arguments arguments, CommandContext context) {
    String name = FailoverRoutes.name(arguments, usage());
    if (context.session().failoverRoutes().containsKey(name)) {
      throw new CommandException("failover route '" + name + "' exists already");
    }
    if (context.session().failoverRoutes().size() >= MAX_ROUTES) {
      throw new CommandException("a session holds at most " + MAX_ROUTES + " failover routes");
    }
    context.session().failoverRoutes().put(name, new ArrayList<>());
    return Future.succeededFuture("Created failover route " + name + "; use it with route(" + name + ")");
  }
}
