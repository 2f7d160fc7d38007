package dev.lip.router.commands;

import io.vertx.core.Future;

/**
 * One in-chat command. A command changes the session through {@link CommandContext#session()} and
 * answers with the text the proxy shows the user; it fails with a {@link CommandException} when its
 * arguments are wrong, and then the session is left as it was.
 */
public interface Command {

  /** The lower-case name typed after the prefix, e.g. {@code backend}. */
  String name();

  /** How to call it, without the prefix, e.g. {@code backend(name)}. */
  String usage();

  /** One line saying what it does. */
  String summary();

  /** Runs the command. */
  Future<String> run(Arguments arguments, CommandContext context);

  /** Whether it changes where requests go (refused while a static route is configured). */
  boolean routing();
}
