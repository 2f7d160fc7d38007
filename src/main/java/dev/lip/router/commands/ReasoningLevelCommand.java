package dev.lip.router.commands;

import io.vertx.core.Future;

/** {@code max}, {@code medium}, {@code low} and {@code no-think}: the session's reasoning level. */
final class ReasoningLevelCommand implements Command {
  private final String name;
  private final String effort;
  private final String summary;

  private ReasoningLevelCommand(String name, String effort, String summary) {
    this.name = name;
    this.effort = effort;
    this.summary = summary;
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
  public String name() {
    return name;
  }

  @Override
  public String usage() {
    return name;
  }

  @Override
  public String summary() {
    return summary;
  }

  @Override
  public Future<String> run(Arguments arguments, CommandContext context) {
    if (!arguments.raw().isBlank()) {
      throw new CommandException(name + " takes no arguments");
    }
    context.session().reasoningEffort = effort;
    context.session().thinkingBudget = null;
    return Future.succeededFuture("Reasoning effort set to " + effort);
  }
}
