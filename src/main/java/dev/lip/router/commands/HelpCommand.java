package dev.lip.router.commands;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code help} lists every command; {@code help(name)} shows one. Both are built from the registry. */
final class HelpCommand extends BaseCommand {
  HelpCommand() {
    super("help", "help or help(command)",
        "list the commands, or describe one", false);
  }

  @Override
  public Future<String> run(Arguments arguments, CommandContext context) {
    String prefix = context.prefix();
    String wanted = Values.single(arguments, "command", usage());
    if (wanted != null) {
      String name = wanted.toLowerCase(Locale.ROOT);
      if (name.startsWith(prefix)) {
        name = name.substring(prefix.length());
      }
      Command command = context.registry().find(name);
      if (command == null) {
        throw new CommandException("no command '" + wanted + "'; " + prefix + "help lists them");
      }
      return Future.succeededFuture(prefix + command.usage() + "\n" + command.summary());
    }
    List<String> lines = new ArrayList<>();
    lines.add("Proxy commands (type them at the end of your message; the proxy removes them):");
    for (Command command : context.registry().all()) {
      lines.add(prefix + command.usage() + " — " + command.summary());
    }
    lines.add("Settings for set/unset: " + Setting.known());
    return Future.succeededFuture(String.join("\n", lines));
  }
}
