package dev.lip.router.commands;

import io.vertx.core.Future;
import java.util.ArrayList;

/** {@code create-failover-route(name=…)}: a new, empty named failover route for this session. */
final class CreateFailoverRouteCommand extends BaseCommand {
  static final int MAX_ROUTES = 32;

  CreateFailoverRouteCommand() {
    super("create-failover-route", "create-failover-route(name=…)",
        "create an empty named failover route; fill it with route-append", false);
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
