package dev.lip.router.commands;

import java.util.List;
import java.util.Map;

/** What the failover-route commands share: finding the named route they act on. */
final class FailoverRoutes {
  private FailoverRoutes() {
  }

  /** The route name given as {@code name=…} or as the first positional argument. */
  static String name(Arguments arguments, String usage) {
    String name = arguments.named().get("name");
    if (name == null && !arguments.positional().isEmpty()) {
      name = arguments.positional().get(0);
    }
    if (name == null || name.isBlank()) {
      throw new CommandException("missing name=…, expected " + usage);
    }
    return Values.routeName(name.trim());
  }

  /** The elements of an existing route. */
  static List<String> existing(CommandContext context, String name) {
    List<String> elements = context.session().failoverRoutes().get(name);
    if (elements == null) {
      throw new CommandException("there is no failover route '" + name + "'" + known(context.session().failoverRoutes()));
    }
    return elements;
  }

  static String show(String name, List<String> elements) {
    return name + ": " + (elements.isEmpty() ? "(empty)" : String.join(" | ", elements));
  }

  private static String known(Map<String, List<String>> routes) {
    return routes.isEmpty() ? " (none defined)" : " (defined: " + String.join(", ", routes.keySet()) + ")";
  }
}
