package dev.lip.router.commands;

import dev.lip.session.Session;
import dev.lip.session.SessionEditor;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Runs the commands of one message, in order, against one session. Either all of them succeed and
 * their changes are kept, or the first failure is reported and the session stays as it was.
 */
public final class CommandRunner {
  private final CommandRegistry registry;

  public CommandRunner(CommandRegistry registry) {
    this.registry = registry;
  }

  /**
   * What the commands did.
   *
   * @param session the session to keep: the same instance when nothing changed
   * @param reply   the text the proxy answers with
   * @param failed  whether a command failed (then nothing changed)
   */
  public record Outcome(Session session, String reply, boolean failed) {
  }

  /**
   * @param contexts makes the context commands run in, around the editor of the session
   * @param now      epoch milliseconds, the time of the change
   */
  public Future<Outcome> run(List<CommandInvocation> invocations, Session session,
      Function<SessionEditor, CommandContext> contexts, long now) {
    SessionEditor editor = session.edit();
    CommandContext context = contexts.apply(editor);
    if (Boolean.FALSE.equals(session.interactive()) && !invocations.stream().allMatch(CommandRunner::switchesMode)) {
      return Future.succeededFuture(new Outcome(session, "Interactive commands are off for this session; "
          + context.prefix() + "set(interactive-mode=on) turns them back on.", false));
    }
    List<String> replies = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (CommandInvocation invocation : invocations) {
      chain = chain.compose(v -> runOne(invocation, context)).map(reply -> {
        replies.add(reply);
        return null;
      });
    }
    return chain.map(v -> new Outcome(editor.build(now), String.join("\n", replies), false))
        .recover(failure -> Future.succeededFuture(new Outcome(session, failure instanceof FailedCommand failed
            ? failed.getMessage() : "The proxy could not run the command: " + failure.getMessage(), true)));
  }

  private Future<String> runOne(CommandInvocation invocation, CommandContext context) {
    Command command = registry.find(invocation.name());
    try {
      if (command == null) {
        throw new CommandException("unknown command");
      }
      if (command.routing()) {
        context.requireRoutable();
      }
      return command.run(invocation.arguments(), context)
          .recover(failure -> Future.failedFuture(FailedCommand.of(invocation, failure)));
    } catch (CommandException e) {
      return Future.failedFuture(FailedCommand.of(invocation, e));
    }
  }

  /** Whether the invocation only sets or unsets interactive-mode, which works even while it is off. */
  private static boolean switchesMode(CommandInvocation invocation) {
    Arguments arguments = invocation.arguments();
    if (invocation.name().equals("set")) {
      return arguments.positional().isEmpty() && arguments.named().size() == 1
          && Values.key(arguments.named().keySet().iterator().next()).equals(Setting.INTERACTIVE_MODE.label());
    }
    return invocation.name().equals("unset") && arguments.named().isEmpty() && arguments.positional().size() == 1
        && Values.key(arguments.positional().get(0)).equals(Setting.INTERACTIVE_MODE.label());
  }

  /** A command's failure, worded for the user. */
  private static final class FailedCommand extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private FailedCommand(String message) {
      super(message, null, false, false);
    }

    static FailedCommand of(CommandInvocation invocation, Throwable cause) {
      String reason = cause instanceof CommandException ? cause.getMessage()
          : "it failed (" + cause.getMessage() + ")";
      return new FailedCommand("Error in " + invocation.text() + ": " + reason + ". Nothing was changed.");
    }
  }
}
