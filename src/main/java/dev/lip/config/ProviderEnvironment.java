package dev.lip.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment variables that configure one provider's backend of the same name: {@code <P>_API_KEY}
 * and {@code <P>_API_KEY_1..N} (all of them, in that order, replace its {@code api_keys} and create the
 * backend when the file has none), and {@code <P>_API_BASE_URL} (overrides its {@code base_url} when the
 * backend exists).
 *
 * <p>Client-side variables such as {@code OPENAI_BASE_URL} or {@code ANTHROPIC_BASE_URL} are deliberately
 * not read: clients use them to point at this proxy, and a proxy started from the same shell would then
 * call itself.
 */
record ProviderEnvironment(String backend, String prefix) {
  static final List<ProviderEnvironment> KNOWN = List.of(
      new ProviderEnvironment("openai", "OPENAI"),
      new ProviderEnvironment("anthropic", "ANTHROPIC"),
      new ProviderEnvironment("gemini", "GEMINI"));

  /** Adds this provider's variables from {@code env} to the environment layer {@code t}. */
  void apply(Map<String, String> env, Tree below, Tree t) {
    String keyName = prefix + "_API_KEY";
    List<String> names = new ArrayList<>();
    if (ConfigLoader.set(env, keyName)) {
      names.add(keyName);
    }
    Pattern numbered = Pattern.compile(Pattern.quote(keyName) + "_([0-9]{1,9})");
    Map<Integer, String> byNumber = new TreeMap<>();
    for (String name : env.keySet()) {
      Matcher m = numbered.matcher(name);
      if (m.matches() && ConfigLoader.set(env, name)) {
        byNumber.put(Integer.parseInt(m.group(1)), name);
      }
    }
    names.addAll(byNumber.values());
    boolean exists = below.root.get("backends") instanceof Map
        && ((Map<?, ?>) below.root.get("backends")).containsKey(backend);
    if (!names.isEmpty()) {
      List<String> keys = new ArrayList<>();
      for (String name : names) {
        keys.add(env.get(name));
      }
      String origin = "environment variable" + (names.size() > 1 ? "s " : " ") + String.join(", ", names);
      t.put(origin, keys, "backends", backend, "api_keys");
      exists = true;
    }
    if (exists) {
      ConfigLoader.putEnv(t, env, prefix + "_API_BASE_URL", "backends", backend, "base_url");
    }
  }
}
