package dev.lip.router.commands;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/** {@code list-failover-routes}: every named failover route of the session. */
final class ListFailoverRoutesCommand extends BaseCommand {
  ListFailoverRoutesCommand() {
    super("list-failover-routes", "list-failover-routes",
        "list this session's failover routes", false);
  }

  @Override
  public Future<String> run(Arguments arguments, CommandContext context) {
    if (context.session().failoverRoutes().isEmpty()) {
      return Future.succeededFuture("No failover routes; create one with create-failover-route(name=…)");
    }
    List<String> lines = new ArrayList<>();
    context.session().failoverRoutes().forEach((name, elements) -> lines.add(FailoverRoutes.show(name, elements)));
    return Future.succeededFuture(String.join("\n", lines));
  }
}
