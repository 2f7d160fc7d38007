package dev.lip.router.commands;

/** A command whose name, usage and summary are fixed when it is made. */
abstract class BaseCommand implements Command {
  private final String name;
  private final String usage;
  private final String summary;
  private final boolean routing;

  /**
   * @param routing whether it changes where requests go (refused while a static route is configured)
   */
  BaseCommand(String name, String usage, String summary, boolean routing) {
    this.name = name;
    this.usage = usage;
    this.summary = summary;
    this.routing = routing;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final String usage() {
    return usage;
  }

  @Override
  public final String summary() {
    return summary;
  }

  @Override
  public final boolean routing() {
    return routing;
  }
}
