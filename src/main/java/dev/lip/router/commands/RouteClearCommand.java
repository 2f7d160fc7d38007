package dev.lip.router.commands;

import io.vertx.core.Future;

/** {@code route-clear(name=…)}: empties a named failover route. */
final class RouteClearCommand implements Command {
  @Override
  public String name() {
    return "route-clear";
  }

  @Override
  public String usage() {
    return "route-clear(name=…)";
  }

  @Override
  public String summary() {
    return "remove every element of a failover route";
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
