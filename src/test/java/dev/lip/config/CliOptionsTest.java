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
    assertThat(o.configExplicit()).isFalse();
    assertThat(o.helpRequested()).isFalse();
    assertThat(o.versionRequested()).isFalse();
  }

  @Test
  void parsesEveryFlag() {
    CliOptions o = CliOptions.parse("--host", "0.0.0.0", "--port", "1", "--config", "x.yaml",
        "--default-backend", "openai:gpt-4o", "--log-level", "debug", "--disable-auth", "--body-limit-mb", "5");
    assertThat(o.host()).contains("0.0.0.0");
    assertThat(o.port()).contains(1);
    assertThat(o.configFile()).contains(Path.of("x.yaml"));
    assertThat(o.configExplicit()).isTrue();
    assertThat(o.defaultBackend()).contains("openai:gpt-4o");
    assertThat(o.logLevel()).contains("debug");
    assertThat(o.disableAuth()).contains(true);
    assertThat(o.bodyLimitMb()).contains(5);
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
        "--log-level", "--disable-auth", "--body-limit-mb", "--help", "--version").doesNotContain("\u001b[");
    assertThat(CliOptions.version()).startsWith("llm-interactive-proxy ");
  }
}
