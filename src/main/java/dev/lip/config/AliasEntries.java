package dev.lip.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text form of model aliases used by {@code --model-alias} and {@code LIP_MODEL_ALIASES}:
 * {@code PATTERN=REPLACEMENT}, split at the first {@code =} (so a pattern cannot hold one), blanks
 * around both parts ignored. The environment variable holds several entries separated by {@code ;} or
 * line breaks (so neither can appear in them); blank entries are skipped.
 */
final class AliasEntries {
  static final String ENVIRONMENT_VARIABLE = "LIP_MODEL_ALIASES";

  private AliasEntries() {
  }

  /** The {@code model_aliases} items of the environment variable's value. */
  static List<Map<String, Object>> fromEnvironment(String value) {
    List<String> entries = new ArrayList<>();
    for (String entry : value.split("[;\\r\\n]")) {
      if (!entry.isBlank()) {
        entries.add(entry);
      }
    }
    return items(entries);
  }

  /**
   * The {@code model_aliases} items of {@code entries}; an entry without {@code =} becomes an item
   * without a replacement, which the binder reports.
   */
  static List<Map<String, Object>> items(List<String> entries) {
    List<Map<String, Object>> items = new ArrayList<>();
    for (String entry : entries) {
      Map<String, Object> item = new LinkedHashMap<>();
      int eq = entry.indexOf('=');
      item.put("pattern", (eq < 0 ? entry : entry.substring(0, eq)).strip());
      if (eq >= 0) {
        item.put("replacement", entry.substring(eq + 1).strip());
      }
      items.add(item);
    }
    return items;
  }
}
