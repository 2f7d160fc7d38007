package dev.lip.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * Command-line flags. Every field is {@code null} when the flag was not given, so that it does not
 * override the environment, the YAML file or the defaults (see {@link ConfigLoader}).
 *
 * <p>Use {@link #parse(String...)}; then, if {@link #helpRequested()} print {@link #usage()}, if
 * {@link #versionRequested()} print {@link #version()}, and exit 0.
 */
@Command(name = "llm-interactive-proxy", mixinStandardHelpOptions = true,
    versionProvider = CliOptions.Version.class, sortOptions = false, usageHelpAutoWidth = false,
    description = "One endpoint for every LLM client; many providers behind it.%n"
        + "Precedence: command-line flags > environment > YAML file > built-in defaults.")
public final class CliOptions {
  /** The config file used when {@code --config} is not given, if it exists (relative to the working directory). */
  public static final Path DEFAULT_CONFIG = Path.of("conf", "config.yaml");

  @Option(names = "--host", paramLabel = "<address>",
      description = "Address to bind (default 127.0.0.1; env LIP_HOST).")
  private String host;

  @Option(names = "--port", paramLabel = "<port>",
      description = "Port to listen on, 0..65535 (default 8000; env LIP_PORT).")
  private Integer port;

  @Option(names = "--anthropic-port", paramLabel = "<port>",
      description = "Also listen on this port for Anthropic clients, /v1/messages at the root, same auth"
          + " (default: off; env LIP_ANTHROPIC_PORT).")
  private Integer anthropicPort;

  @Option(names = "--config", paramLabel = "<file>",
      description = "YAML configuration file (default conf/config.yaml if it exists).")
  private Path config;

  @Option(names = "--default-backend", paramLabel = "<selector>",
      description = "Backend (or backend:model) for requests that name no backend"
          + " (default: openai if it has a key, else mock; env LIP_DEFAULT_BACKEND).")
  private String defaultBackend;

  @Option(names = "--transport", paramLabel = "<transport>",
      description = "auto, io_uring, epoll or nio (default auto: the fastest the host offers; env LIP_TRANSPORT).")
  private String transport;

  @Option(names = "--log-level", paramLabel = "<level>",
      description = "trace, debug, info, warn or error (default info; env LIP_LOG_LEVEL).")
  private String logLevel;

  @Option(names = "--disable-auth", arity = "0..1", fallbackValue = "true", paramLabel = "<true|false>",
      description = "Do not check client API keys (env LIP_DISABLE_AUTH).")
  private Boolean disableAuth;

  @Option(names = "--body-limit-mb", paramLabel = "<MiB>",
      description = "Largest request body accepted, in MiB (default 32; env LIP_BODY_LIMIT_MB).")
  private Integer bodyLimitMb;

  @Option(names = "--command-prefix", paramLabel = "<prefix>",
      description = "Prefix of in-chat commands: 2..10 printable ASCII characters, no spaces"
          + " (default !/; env LIP_COMMAND_PREFIX or COMMAND_PREFIX).")
  private String commandPrefix;

  @Option(names = "--disable-interactive-commands", arity = "0..1", fallbackValue = "true",
      paramLabel = "<true|false>",
      description = "Strip in-chat commands without acting on them (env LIP_DISABLE_INTERACTIVE_COMMANDS).")
  private Boolean disableInteractiveCommands;

  @Option(names = "--static-route", paramLabel = "<selector>",
      description = "Send every request to this selector (backend, backend:model or model); clients and"
          + " in-chat commands cannot change it (default: none; env LIP_STATIC_ROUTE).")
  private String staticRoute;

  @Option(names = "--model-alias", paramLabel = "<pattern=replacement>",
      description = "Rewrite a requested model whose whole name matches the regular expression PATTERN into"
          + " the selector REPLACEMENT ($1 refers to a group; a|b fails over), split at the first '='."
          + " Repeatable; first match wins, these before LIP_MODEL_ALIASES (entries separated by ';' or line"
          + " breaks) and before model_aliases in the file.")
  private List<String> modelAliases;

  private boolean helpRequested;
  private boolean versionRequested;

  /** Use {@link #parse(String...)}. */
  private CliOptions() {
  }

  /**
   * Parses {@code args}.
   *
   * @throws ConfigException on an unknown flag, a missing or malformed value or a stray argument; the
   *     message holds the reason followed by the usage text
   */
  public static CliOptions parse(String... args) {
    CliOptions options = new CliOptions();
    CommandLine cmd = commandLine(options);
    try {
      CommandLine.ParseResult result = cmd.parseArgs(args == null ? new String[0] : args);
      options.helpRequested = result.isUsageHelpRequested();
      options.versionRequested = result.isVersionHelpRequested();
    } catch (CommandLine.ParameterException e) {
      throw new ConfigException(e.getMessage() + System.lineSeparator() + System.lineSeparator()
          + usage());
    }
    return options;
  }

  /** The usage text, without ANSI colours. */
  public static String usage() {
    return commandLine(new CliOptions()).getUsageMessage(CommandLine.Help.Ansi.OFF);
  }

  /** The version line printed by {@code --version}. */
  public static String version() {
    return "llm-interactive-proxy " + Version.number();
  }

  private static CommandLine commandLine(CliOptions options) {
    return new CommandLine(options)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setUsageHelpWidth(100);
  }

  /** Whether {@code --help} / {@code -h} was given. */
  public boolean helpRequested() {
    return helpRequested;
  }

  /** Whether {@code --version} / {@code -V} was given. */
  public boolean versionRequested() {
    return versionRequested;
  }

  /**
   * The config file to read: {@code --config} if given (it must then exist), else {@link #DEFAULT_CONFIG}
   * if it is a file, else none (defaults and environment only).
   */
  public Optional<Path> configFile() {
    if (config != null) {
      return Optional.of(config);
    }
    return Files.isRegularFile(DEFAULT_CONFIG) ? Optional.of(DEFAULT_CONFIG) : Optional.empty();
  }

  /** Whether {@code --config} was given explicitly. */
  public boolean configExplicit() {
    return config != null;
  }

  public Optional<String> host() {
    return Optional.ofNullable(host);
  }

  public Optional<Integer> port() {
    return Optional.ofNullable(port);
  }

  public Optional<Integer> anthropicPort() {
    return Optional.ofNullable(anthropicPort);
  }

  public Optional<String> defaultBackend() {
    return Optional.ofNullable(defaultBackend);
  }

  public Optional<String> transport() {
    return Optional.ofNullable(transport);
  }

  public Optional<String> logLevel() {
    return Optional.ofNullable(logLevel);
  }

  public Optional<Boolean> disableAuth() {
    return Optional.ofNullable(disableAuth);
  }

  public Optional<Integer> bodyLimitMb() {
    return Optional.ofNullable(bodyLimitMb);
  }

  /** {@code --command-prefix}, if given. */
  public Optional<String> commandPrefix() {
    return Optional.ofNullable(commandPrefix);
  }

  /** {@code --disable-interactive-commands}, if given. */
  public Optional<Boolean> disableInteractiveCommands() {
    return Optional.ofNullable(disableInteractiveCommands);
  }

  /** {@code --static-route}, if given. */
  public Optional<String> staticRoute() {
    return Optional.ofNullable(staticRoute);
  }

  /** Every {@code --model-alias PATTERN=REPLACEMENT}, in the order given; empty when there is none. */
  public List<String> modelAliases() {
    return modelAliases == null ? List.of() : List.copyOf(modelAliases);
  }

  @Override
  public String toString() {
    return "CliOptions[host=" + host + ", port=" + port + ", config=" + config + ", defaultBackend="
        + defaultBackend + ", transport=" + transport + ", logLevel=" + logLevel + ", disableAuth=" + disableAuth
        + ", bodyLimitMb=" + bodyLimitMb + ", commandPrefix=" + commandPrefix + ", disableInteractiveCommands="
        + disableInteractiveCommands + ", staticRoute=" + staticRoute + ", modelAliases=" + modelAliases + "]";
  }

  /** Reads the version from the jar manifest ({@code Implementation-Version}); {@code dev} otherwise. */
  static final class Version implements CommandLine.IVersionProvider {
    static String number() {
      String v = CliOptions.class.getPackage().getImplementationVersion();
      return v == null ? "dev" : v;
    }

    @Override
    public String[] getVersion() {
      return new String[] {version()};
    }
  }
}
