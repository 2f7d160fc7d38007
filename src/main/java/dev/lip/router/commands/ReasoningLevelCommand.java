package dev.lip.router.commands;

import io.vertx.core.Future;

/** {@code max}, {@code medium}, {@code low} and {@code no-think}: the session's reasoning level. */
final class ReasoningLevelCommand extends BaseCommand {
  private final String effort;

  private ReasoningLevelCommand(String name, String effort, String summary) {
    super(name, name, summary, false);
    this.effort = effort;
  }

  static ReasoningLevelCommand max() {
    return new ReasoningLevelCommand("max", "high", "reason as much as the model allows (effort high)");
  }

  static ReasoningLevelCommand medium() {
    return new ReasoningLevelCommand("medium", "medium", "reason moderately (effort medium)");
  }

  static ReasoningLevelCommand low() {
    return new ReasoningLevelCommand("low", "low", "reason briefly (effort low)");
  }

  static ReasoningLevelCommand noThink() {
    return new ReasoningLevelCommand("no-think", "none", "switch reasoning off where the model allows it");
  }

  @Override
  public Future<String> run(Arguments arguments, CommandContext context) {
    if (!arguments.raw().isBlank()) {
      throw new CommandException(name() + " takes no arguments");
    }
    context.session().reasoningEffort = effort;
    context.session().thinkingBudget = null;
    return Future.succeededFuture("Reasoning effort set to " + effort);
  }
}
