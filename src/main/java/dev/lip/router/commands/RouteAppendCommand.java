package dev.lip.router.commands;

import io.vertx.core.Future;
import java.util.List;

/** {@code route-append(name=…, element=…)} and {@code route-prepend(…)}: add a target to a named route. */
final class RouteAppendCommand implements Command {
  static final int MAX_ELEMENTS = 16;
  private final boolean append;

  RouteAppendCommand(boolean append) {
    this.append = append;
  }

  @Override
  public String name() {
    return append ? "route-append" : "route-prepend";
  }

  @Override
  public String usage() {
    return name() + "(name=…, element=backend:model)";
  }

  @Override
  public String summary() {
    return append ? "add a target at the end of a failover route" : "add a target at the start of a failover route";
  }

  @Override
  public Future<String> run(Arguments arguments, CommandContext context) {
    String name = FailoverRoutes.name(arguments, usage());
    String element = Values.required(arguments, "element", usage());
    List<String> elements = FailoverRoutes.existing(context, name);
    String checked = context.selectors().check(element);
    if (checked.indexOf('|') >= 0) {
      throw new CommandException("an element is one target; add them one by one");
    }
    if (elements.size() >= MAX_ELEMENTS) {
      throw new CommandException("a failover route holds at most " + MAX_ELEMENTS + " elements");
    }
    elements.add(append ? elements.size() : 0, checked);
    return Future.succeededFuture(FailoverRoutes.show(name, elements));
  }
}
