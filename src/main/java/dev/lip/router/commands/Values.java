package dev.lip.router.commands;

import java.util.Locale;

/** Reads the values users type into command arguments. */
final class Values {
  private Values() {
  }

  /**
   * The command's single value: its one positional argument or its argument named {@code name};
   * {@code null} for empty parentheses.
   */
  static String single(Arguments arguments, String name, String usage) {
    int given = arguments.positional().size() + arguments.named().size();
    if (given == 0) {
      return null;
    }
    if (given > 1) {
      throw new CommandException("expected one value, as in " + usage);
    }
    String value = arguments.positional().isEmpty() ? arguments.named().get(name) : arguments.positional().get(0);
    if (value == null) {
      throw new CommandException("unknown argument " + arguments.named().keySet().iterator().next()
          + ", expected " + usage);
    }
    return value.isBlank() ? null : value.trim();
  }

  /** The named argument {@code name}, required. */
  static String required(Arguments arguments, String name, String usage) {
    String value = arguments.named().get(name);
    if (value == null || value.isBlank()) {
      throw new CommandException("missing " + name + "=…, expected " + usage);
    }
    return value.trim();
  }

  static double number(String key, String value, double min, double max) {
    double parsed;
    try {
      parsed = Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      throw new CommandException(key + " must be a number, got '" + value + "'");
    }
    if (!(parsed >= min && parsed <= max)) {
      throw new CommandException(key + " must be between " + plain(min) + " and " + plain(max) + ", got " + value);
    }
    return parsed;
  }

  static int integer(String key, String value, int min, int max) {
    int parsed;
    try {
      parsed = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new CommandException(key + " must be a whole number, got '" + value + "'");
    }
    if (parsed < min || parsed > max) {
      throw new CommandException(key + " must be between " + min + " and " + max + ", got " + value);
    }
    return parsed;
  }

  static boolean bool(String key, String value) {
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true": case "on": case "yes": case "1":
        return true;
      case "false": case "off": case "no": case "0":
        return false;
      default:
        throw new CommandException(key + " must be on or off, got '" + value + "'");
    }
  }

  /** A key as users may spell it: {@code top_p}, {@code top-p} and {@code TOP_P} are one key. */
  static String key(String typed) {
    return typed.trim().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** A failover route name. */
  static String routeName(String name) {
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
      throw new CommandException("a route name is letters, digits, '.', '_' or '-' (at most 64), got '"
          + name + "'");
    }
    return name;
  }

  static String plain(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }

  static String orDefault(Object value) {
    return value == null ? "default" : value instanceof Double d ? plain(d) : value.toString();
  }
}
