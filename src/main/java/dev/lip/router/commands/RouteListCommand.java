package dev.lip.router.commands;

import io.vertx.core.Future;

/** {@code route-list(name=…)}: shows the elements of a named failover route. */
final class RouteListCommand extends BaseCommand {
  RouteListCommand() {
    super("route-list", "route-list(name=…)",
        "show the elements of a failover route", false);
  }

  @Override
  public Future<String> run(Arguments arguments, CommandContext context) {
    String name = FailoverRoutes.name(arguments, usage());
    return Future.succeededFuture(FailoverRoutes.show(name, FailoverRoutes.existing(context, name)));
  }
}
