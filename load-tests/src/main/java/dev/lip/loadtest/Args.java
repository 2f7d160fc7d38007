package dev.lip.loadtest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Minimal command-line parser: {@code --key value}, {@code --flag} and positional words. */
final class Args {
  private final Map<String, String> options = new HashMap<>();
  private final List<String> positional = new ArrayList<>();

  Args(String[] argv) {
    for (int i = 0; i < argv.length; i++) {
      String a = argv[i];
      if (a.startsWith("--")) {
        String key = a.substring(2);
        int eq = key.indexOf('=');
        if (eq >= 0) {
          options.put(key.substring(0, eq), key.substring(eq + 1));
        } else if (i + 1 < argv.length && !argv[i + 1].startsWith("--")) {
          options.put(key, argv[++i]);
        } else {
          options.put(key, "true");
        }
      } else {
        positional.add(a);
      }
    }
  }

  String positional(int index, String fallback) {
    return index < positional.size() ? positional.get(index) : fallback;
  }

  String str(String key, String fallback) {
    return options.getOrDefault(key, fallback);
  }

  int integer(String key, int fallback) {
    String v = options.get(key);
    return v == null ? fallback : Integer.parseInt(v);
  }

  long number(String key, long fallback) {
    String v = options.get(key);
    return v == null ? fallback : Long.parseLong(v);
  }

  double decimal(String key, double fallback) {
    String v = options.get(key);
    return v == null ? fallback : Double.parseDouble(v);
  }

  boolean flag(String key) {
    return Boolean.parseBoolean(options.getOrDefault(key, "false"));
  }
}
