package dev.lip.router.commands;

import io.vertx.core.Future;

/** {@code delete-failover-route(name=…)}: removes a named failover route. */
final class DeleteFailoverRouteCommand implements Command {
  @Override
  public String name() {
    return "delete-failover-route";
  }

  @Override
  public String usage() {
    return "delete-failover-route(name=…)";
  }

  @Override
  public String summary() {
    return "delete a failover route";
  }

  @Override
  public Future<String> run(Arguments arguments, CommandContext context) {
    String name = FailoverRoutes.name(arguments, usage());
    FailoverRoutes.existing(context, name);
    context.session().failoverRoutes().remove(name);
    if (name.equals(context.session().route)) {
      context.session().route = null;
    }
    return Future.succeededFuture("Deleted failover route " + name);
  }
}
