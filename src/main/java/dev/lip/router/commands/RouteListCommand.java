package dev.lip.router.commands;

import io.vertx.core.Future;

/** {@code route-list(name=…)}: shows the elements of a named failover route. */
final class RouteListCommand implements Command {
  @Override
  public String name() {
    return "route-list";
  }

  @Override
  public String usage() {
    return "route-list(name=…)";
  }

  @Override
  public String summary() {
    return "show the elements of a failover route";
  }

  @Override
  public Future<String> run(Arguments arguments, CommandContext context) {
    String name = FailoverRoutes.name(arguments, usage());
    return Future.succeededFuture(FailoverRoutes.show(name, FailoverRoutes.existing(context, name)));
  }
}
