package dev.lip.router.commands;

/** A command that cannot run as typed; the message is shown to the user. */
public final class CommandException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CommandException(String message) {
    super(message, null, false, false);
  }
}
