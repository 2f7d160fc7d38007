package dev.lip.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CliOptionsTest {
  @Test
  void noArgumentsSetsNothing() {
    CliOptions o = CliOptions.parse();
    assertThat(o.host()).isEmpty();
    assertThat(o.port()).isEmpty();
    assertThat(o.defaultBackend()).isEmpty();
    assertThat(o.logLevel()).isEmpty();
    assertThat(o.disableAuth()).isEmpty();
    assertThat(o.bodyLimitMb()).isEmpty();
    assertThat(o.commandPrefix()).isEmpty();
    assertThat(o.disableInteractiveCommands()).isEmpty();
    assertThat(o.staticRoute()).isEmpty();
    assertThat(o.modelAliases()).isEmpty();
    assertThat(o.configExplicit()).isFalse();
    assertThat(o.helpRequested()).isFalse();
    assertThat(o.versionRequested()).isFalse();
  }

  @Test
  void parsesEveryFlag() {
    CliOptions o = CliOptions.parse("--host", "0.0.0.0", "--port", "1", "--config", "x.yaml",
        "--default-backend", "openai:gpt-4o", "--log-level", "debug", "--disable-auth", "--body-limit-mb", "5",
        "--command-prefix", "##", "--disable-interactive-commands", "--static-route", "openai:gpt-4o-mini");
    assertThat(o.host()).contains("0.0.0.0");
    assertThat(o.port()).contains(1);
    assertThat(o.configFile()).contains(Path.of("x.yaml"));
    assertThat(o.configExplicit()).isTrue();
    assertThat(o.defaultBackend()).contains("openai:gpt-4o");
    assertThat(o.logLevel()).contains("debug");
    assertThat(o.disableAuth()).contains(true);
    assertThat(o.bodyLimitMb()).contains(5);
    assertThat(o.commandPrefix()).contains("##");
    assertThat(o.disableInteractiveCommands()).contains(true);
    assertThat(o.staticRoute()).contains("openai:gpt-4o-mini");
  }

  @Test
  void modelAliasIsRepeatableAndKeepsItsOrderAndText() {
    CliOptions o = CliOptions.parse("--model-alias", "^gpt-4$=openai:gpt-4o|anthropic:claude", "--model-alias=b=c=d");
    assertThat(o.modelAliases()).containsExactly("^gpt-4$=openai:gpt-4o|anthropic:claude", "b=c=d");
    assertThat(o.toString()).contains("modelAliases=[^gpt-4$=openai:gpt-4o|anthropic:claude, b=c=d]");
    assertThatThrownBy(() -> CliOptions.parse("--model-alias")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("--model-alias");
  }

  @Test
  void disableInteractiveCommandsTakesAnOptionalBoolean() {
    assertThat(CliOptions.parse("--disable-interactive-commands=false").disableInteractiveCommands())
        .contains(false);
    assertThat(CliOptions.parse("--disable-interactive-commands", "true").disableInteractiveCommands())
        .contains(true);
    assertThatThrownBy(() -> CliOptions.parse("--disable-interactive-commands=maybe"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("--disable-interactive-commands");
  }

  @Test
  void unknownFlagGivesMessageAndUsage() {
    assertThatThrownBy(() -> CliOptions.parse("--bogus"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("Unknown option: '--bogus'")
        .hasMessageContaining("Usage: llm-interactive-proxy")
        .hasMessageContaining("--default-backend=<selector>");
  }

  @Test
  void badValuesAndStrayArgumentsAreErrors() {
    assertThatThrownBy(() -> CliOptions.parse("--port", "abc"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("--port").hasMessageContaining("abc");
    assertThatThrownBy(() -> CliOptions.parse("--port"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("Missing required parameter");
    assertThatThrownBy(() -> CliOptions.parse("serve"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("Unmatched argument");
  }

  @Test
  void helpAndVersion() {
    assertThat(CliOptions.parse("--help").helpRequested()).isTrue();
    assertThat(CliOptions.parse("-h").helpRequested()).isTrue();
    assertThat(CliOptions.parse("--version").versionRequested()).isTrue();
    assertThat(CliOptions.usage()).contains("--host", "--port", "--config", "--default-backend",
        "--log-level", "--disable-auth", "--body-limit-mb", "--command-prefix", "--disable-interactive-commands",
        "--static-route", "--model-alias", "--help", "--version").doesNotContain("\u001b[");
    assertThat(CliOptions.usage()).contains("LIP_COMMAND_PREFIX", "COMMAND_PREFIX", "default !/",
        "LIP_DISABLE_INTERACTIVE_COMMANDS", "LIP_STATIC_ROUTE", "LIP_MODEL_ALIASES");
    assertThat(CliOptions.version()).startsWith("llm-interactive-proxy ");
  }
}
