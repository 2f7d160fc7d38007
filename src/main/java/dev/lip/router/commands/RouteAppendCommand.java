package dev.lip.router.commands;

import io.vertx.core.Future;
import java.util.List;

/** {@code route-append(name=…, element=…)} and {@code route-prepend(…)}: add a target to a named route. */
final class RouteAppendCommand extends BaseCommand {
  static final int MAX_ELEMENTS = 16;
  private final boolean append;

  RouteAppendCommand(boolean append) {
    super(append ? "route-append" : "route-prepend",
        (append ? "route-append" : "route-prepend") + "(name=…, element=backend:model)",
        "add a target at the " + (append ? "end" : "start") + " of a failover route", false);
    this.append = append;
  }

  @Override
  public Future<String> run(Arguments arguments, CommandContext context) {
    String name = FailoverRoutes.name(arguments, usage());
    String element = Values.required(arguments, "element", usage());
    List<String> elements = FailoverRoutes.existing(context, name);
    String checked = context.selectors().check(element);
    if (checked.indexOf('|') >= 0 || checked.indexOf('^') >= 0) {
      throw new CommandException("an element is one target; add them one by one");
    }
    if (elements.size() >= MAX_ELEMENTS) {
      throw new CommandException("a failover route holds at most " + MAX_ELEMENTS + " elements");
    }
    elements.add(append ? elements.size() : 0, checked);
    return Future.succeededFuture(FailoverRoutes.show(name, elements));
  }
}
