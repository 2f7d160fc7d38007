package dev.lip.router.commands;

import dev.lip.config.CommandSettings;
import dev.lip.session.SessionEditor;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The keys of {@code set} and {@code unset}: how each is checked, stored and cleared. */
enum Setting {
  BACKEND(true) {
    @Override
    String apply(SessionEditor s, String value, CommandContext context) {
      s.backend = BackendCommand.checkBackend(value, context);
      s.model = null;
      s.route = null;
      return s.backend;
    }

    @Override
    void clear(SessionEditor s) {
      s.backend = null;
    }
  },
  MODEL(true) {
    @Override
    String apply(SessionEditor s, String value, CommandContext context) {
      ModelCommand.pin(s, value, context);
      return s.model;
    }

    @Override
    void clear(SessionEditor s) {
      s.model = null;
    }
  },
  TEMPERATURE(false) {
    @Override
    String apply(SessionEditor s, String value, CommandContext context) {
      s.temperature = Values.number(label(), value, 0, 2);
      return Values.plain(s.temperature);
    }

    @Override
    void clear(SessionEditor s) {
      s.temperature = null;
    }
  },
  TOP_P(false) {
    @Override
    String apply(SessionEditor s, String value, CommandContext context) {
      s.topP = Values.number(label(), value, 0, 1);
      return Values.plain(s.topP);
    }

    @Override
    void clear(SessionEditor s) {
      s.topP = null;
    }
  },
  MAX_TOKENS(false) {
    @Override
    String apply(SessionEditor s, String value, CommandContext context) {
      s.maxTokens = Values.integer(label(), value, 1, 10_000_000);
      return s.maxTokens.toString();
    }

    @Override
    void clear(SessionEditor s) {
      s.maxTokens = null;
    }
  },
  REASONING_EFFORT(false) {
    @Override
    String apply(SessionEditor s, String value, CommandContext context) {
      String effort = value.trim().toLowerCase(Locale.ROOT);
      if (!effort.matches("none|minimal|low|medium|high|xhigh|max")) {
        throw new CommandException(label() + " must be none, minimal, low, medium, high, xhigh or max, got '"
            + value + "'");
      }
      s.reasoningEffort = effort;
      return effort;
    }

    @Override
    void clear(SessionEditor s) {
      s.reasoningEffort = null;
    }
  },
  THINKING_BUDGET(false) {
    @Override
    String apply(SessionEditor s, String value, CommandContext context) {
      s.thinkingBudget = Values.integer(label(), value, 0, 1_000_000);
      return s.thinkingBudget.toString();
    }

    @Override
    void clear(SessionEditor s) {
      s.thinkingBudget = null;
    }
  },
  COMMAND_PREFIX(false) {
    @Override
    String apply(SessionEditor s, String value, CommandContext context) {
      String problem = CommandSettings.prefixProblem(value);
      if (problem != null) {
        throw new CommandException(label() + ": " + problem);
      }
      s.commandPrefix = value;
      return value;
    }

    @Override
    void clear(SessionEditor s) {
      s.commandPrefix = null;
    }
  },
  INTERACTIVE_MODE(false) {
    @Override
    String apply(SessionEditor s, String value, CommandContext context) {
      s.interactive = Values.bool(label(), value);
      return s.interactive ? "on" : "off";
    }

    @Override
    void clear(SessionEditor s) {
      s.interactive = null;
    }
  },
  REDACT_API_KEYS_IN_PROMPTS(false) {
    @Override
    String apply(SessionEditor s, String value, CommandContext context) {
      s.redactApiKeys = Values.bool(label(), value);
      return s.redactApiKeys ? "on" : "off";
    }

    @Override
    void clear(SessionEditor s) {
      s.redactApiKeys = null;
    }
  },
  PROJECT(false) {
    @Override
    String apply(SessionEditor s, String value, CommandContext context) {
      String project = value.trim();
      if (project.isEmpty() || project.length() > 200) {
        throw new CommandException(label() + " must be 1 to 200 characters");
      }
      s.project = project;
      return project;
    }

    @Override
    void clear(SessionEditor s) {
      s.project = null;
    }
  };

  private final boolean routing;

  Setting(boolean routing) {
    this.routing = routing;
  }

  /** Checks {@code value}, stores it, and returns it as the reply shows it. */
  abstract String apply(SessionEditor session, String value, CommandContext context);

  /** Back to the default. */
  abstract void clear(SessionEditor session);

  /** Whether it changes where requests go. */
  boolean routing() {
    return routing;
  }

  /** The key as users type it, e.g. {@code top-p}. */
  String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The setting a user means by {@code typed} ({@code top_p}, {@code top-p}…). */
  static Setting of(String typed) {
    String key = Values.key(typed);
    for (Setting setting : values()) {
      if (setting.label().equals(key)) {
        return setting;
      }
    }
    throw new CommandException("unknown setting '" + typed.trim() + "' (known: " + known() + ")");
  }

  static String known() {
    return Arrays.stream(values()).map(Setting::label).collect(Collectors.joining(", "));
  }
}
