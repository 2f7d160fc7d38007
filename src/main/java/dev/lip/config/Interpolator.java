package dev.lip.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Replaces environment references in YAML string values:
 * <ul>
 *   <li>{@code ${NAME}}: the variable's value; an unset variable gives the empty string (an empty
 *       {@code api_keys} entry is then dropped; an empty optional string such as {@code base_url} means
 *       "use the default"; anything else fails validation with a hint naming the unset variable);</li>
 *   <li>{@code ${NAME:-fallback}}: {@code fallback} when the variable is unset or empty;</li>
 *   <li>{@code $${} : a literal {@code ${};</li>
 *   <li>{@code os.environ/NAME} as the whole value (LiteLLM style): like {@code ${NAME}}.</li>
 * </ul>
 */
final class Interpolator {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final String LITELLM = "os.environ/";

  private final Map<String, String> env;

  Interpolator(Map<String, String> env) {
    this.env = env;
  }

  /** The outcome: the value, the names of unset variables it used, or an error (then value is null). */
  record Result(String value, List<String> unset, String error) {
  }

  Result apply(String text) {
    List<String> unset = new ArrayList<>();
    String trimmed = text.trim();
    if (trimmed.startsWith(LITELLM)) {
      String name = trimmed.substring(LITELLM.length());
      if (!NAME.matcher(name).matches()) {
        return new Result(null, unset, "malformed reference '" + LITELLM + "…': expected "
            + LITELLM + "NAME with NAME made of letters, digits and _");
      }
      return new Result(lookup(name, null, unset), unset, null);
    }
    if (!text.contains("${")) {
      return new Result(text, unset, null);
    }
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith("$${", i)) {
        out.append("${");
        i += 3;
      } else if (text.startsWith("${", i)) {
        int end = text.indexOf('}', i + 2);
        if (end < 0) {
          return new Result(null, unset, "unterminated ${ reference (missing '}')");
        }
        String body = text.substring(i + 2, end);
        int sep = body.indexOf(":-");
        String name = sep < 0 ? body : body.substring(0, sep);
        String fallback = sep < 0 ? null : body.substring(sep + 2);
        if (!NAME.matcher(name).matches()) {
          return new Result(null, unset, "malformed reference ${" + (name.length() > 40 ? "…" : name)
              + "}: expected ${NAME} or ${NAME:-default}");
        }
        out.append(lookup(name, fallback, unset));
        i = end + 1;
      } else {
        out.append(text.charAt(i));
        i++;
      }
    }
    return new Result(out.toString(), unset, null);
  }

  private String lookup(String name, String fallback, List<String> unset) {
    String v = env.get(name);
    if (v == null || v.isEmpty()) {
      if (fallback != null) {
        return fallback;
      }
      if (v == null) {
        unset.add(name);
        return "";
      }
    }
    return v;
  }
}
