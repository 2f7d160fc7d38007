package dev.lip.router.commands;

import io.vertx.core.Future;

/** {@code temperature(x)}: shorthand for {@code set(temperature=x)}. */
final class TemperatureCommand extends BaseCommand {
  TemperatureCommand() {
    super("temperature", "temperature(x)",
        "set the sampling temperature of this session, 0 to 2", false);
  }

  @Override
  public Future<String> run(Arguments arguments, CommandContext context) {
    String value = Values.single(arguments, "value", usage());
    if (value == null) {
      throw new CommandException("give a value, as in temperature(0.2)");
    }
    return Future.succeededFuture("Set temperature="
        + Setting.TEMPERATURE.apply(context.session(), value, context));
  }
}
