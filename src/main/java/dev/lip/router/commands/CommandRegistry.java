package dev.lip.router.commands;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The commands the proxy knows, by name, in the order help lists them. */
public final class CommandRegistry {
  private final Map<String, Command> byName = new LinkedHashMap<>();

  public CommandRegistry(List<Command> commands) {
    for (Command command : commands) {
      if (byName.put(command.name(), command) != null) {
        throw new IllegalArgumentException("two commands are named " + command.name());
      }
    }
  }

  /** Every command of SPEC §3. */
  public static CommandRegistry standard() {
    return new CommandRegistry(List.of(
        new HelpCommand(), new HelloCommand(), new SessionCommand(),
        new BackendCommand(), new ModelCommand(), new OneoffCommand(), new RouteCommand(),
        new SetCommand(), new UnsetCommand(), new TemperatureCommand(),
        ReasoningLevelCommand.max(), ReasoningLevelCommand.medium(), ReasoningLevelCommand.low(),
        ReasoningLevelCommand.noThink(),
        new CreateFailoverRouteCommand(), new RouteAppendCommand(true), new RouteAppendCommand(false),
        new RouteClearCommand(), new RouteListCommand(), new DeleteFailoverRouteCommand(),
        new ListFailoverRoutesCommand(),
        new BackendsCommand(), new ModelsCommand()));
  }

  /** The command named {@code name} (lower-case), or {@code null}. */
  public Command find(String name) {
    return byName.get(name);
  }

  /** Every name, for the parser. */
  public Set<String> names() {
    return Collections.unmodifiableSet(byName.keySet());
  }

  /** Every command, in help order. */
  public Collection<Command> all() {
    return Collections.unmodifiableCollection(byName.values());
  }
}
