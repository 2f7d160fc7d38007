package dev.lip.config;

import java.util.List;

/**
 * Invalid command line or configuration. The message is complete and meant for a person: it names the
 * source (config file and line, environment variable or command-line option), the key path and the reason,
 * one problem per line. It never contains a secret and never carries a cause (causes from the YAML parser
 * quote the offending source line, which may hold a key). Main prints {@link #getMessage()} and exits
 * with {@link #EXIT_CODE}.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The process exit status for a configuration or usage error. */
  public static final int EXIT_CODE = 2;

  private final List<String> problems;

  /** One problem, already formatted. */
  public ConfigException(String message) {
    this(message, List.of(message));
  }

  private ConfigException(String message, List<String> problems) {
    super(message, null, false, false);
    this.problems = List.copyOf(problems);
  }

  /** Several problems found while checking one configuration, reported together. */
  static ConfigException of(List<String> problems) {
    if (problems.size() == 1) {
      return new ConfigException("Invalid configuration: " + problems.get(0), problems);
    }
    StringBuilder sb = new StringBuilder("Invalid configuration (").append(problems.size())
        .append(" problems):");
    for (String p : problems) {
      sb.append(System.lineSeparator()).append("  - ").append(p);
    }
    return new ConfigException(sb.toString(), problems);
  }

  /** Each problem on its own ({@code source: key.path: reason}). */
  public List<String> problems() {
    return problems;
  }
}
