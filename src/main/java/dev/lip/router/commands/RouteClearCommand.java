package dev.lip.router.commands;

import io.vertx.core.Future;

/** {@code route-clear(name=…)}: empties a named failover route. */
final class RouteClearCommand extends BaseCommand {
  RouteClearCommand() {
    super("route-clear", "route-clear(name=…)",
        "remove every element of a failover route", false);
  }

  @Override
  public Future<String> run(Arguments arguments, CommandContext context) {
    String name = FailoverRoutes.name(arguments, usage());
    FailoverRoutes.existing(context, name).clear();
    if (name.equals(context.session().route)) {
      context.session().route = null;
    }
    return Future.succeededFuture(FailoverRoutes.show(name, FailoverRoutes.existing(context, name)));
  }
}
