package dev.lip.router.commands;

import io.vertx.core.Future;

/** {@code delete-failover-route(name=…)}: removes a named failover route. */
final class DeleteFailoverRouteCommand extends BaseCommand {
  DeleteFailoverRouteCommand() {
    super("delete-failover-route", "delete-failover-route(name=…)",
        "delete a failover route", false);
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
