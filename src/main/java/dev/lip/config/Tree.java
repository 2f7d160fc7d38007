package dev.lip.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One configuration layer (defaults, YAML, environment or CLI) as a JSON-like tree of
 * {@code Map<String,Object>}, {@code List<Object>} and scalars, plus where each node came from, so an
 * error can name the file and line, the environment variable or the flag. Paths are lists of keys;
 * list items are {@code "[i]"}.
 */
final class Tree {
  static final String DEFAULT_ORIGIN = "built-in default";

  final Map<String, Object> root = new LinkedHashMap<>();
  final Map<List<String>, String> origins = new HashMap<>();

  /** Sets {@code value} at {@code path}, creating maps on the way. */
  @SuppressWarnings("unchecked")
  Tree put(String origin, Object value, String... path) {
    Map<String, Object> node = root;
    List<String> p = new ArrayList<>();
    for (int i = 0; i < path.length - 1; i++) {
      p.add(path[i]);
      Object child = node.get(path[i]);
      if (!(child instanceof Map)) {
        child = new LinkedHashMap<String, Object>();
        node.put(path[i], child);
        origins.put(List.copyOf(p), origin);
      }
      node = (Map<String, Object>) child;
    }
    node.put(path[path.length - 1], value);
    origins.put(List.of(path), origin);
    return this;
  }

  /**
   * Puts {@code items} in front of the list at the top-level {@code key}, or makes them that list when
   * it is absent; the items already there keep their origins under their new indexes. A value that is
   * not a list is left alone, to be reported as it is.
   */
  @SuppressWarnings("unchecked")
  void prepend(String origin, String key, List<?> items) {
    if (items.isEmpty()) {
      return;
    }
    Object old = root.get(key);
    if (old != null && !(old instanceof List)) {
      return;
    }
    List<Object> list = new ArrayList<>(items);
    Map<List<String>, String> shifted = new HashMap<>();
    if (old != null) {
      list.addAll((List<Object>) old);
      origins.entrySet().removeIf(e -> {
        List<String> k = e.getKey();
        if (k.size() < 2 || !k.get(0).equals(key)) {
          return false;
        }
        int index = Integer.parseInt(k.get(1).substring(1, k.get(1).length() - 1));
        List<String> moved = new ArrayList<>(k);
        moved.set(1, "[" + (index + items.size()) + "]");
        shifted.put(List.copyOf(moved), e.getValue());
        return true;
      });
    }
    origins.putAll(shifted);
    root.put(key, list);
    origins.putIfAbsent(List.of(key), origin);
    for (int i = 0; i < items.size(); i++) {
      origins.put(List.of(key, "[" + i + "]"), origin);
    }
  }

  /** The origin of {@code path}, or of its nearest ancestor that has one. */
  String origin(List<String> path) {
    for (int n = path.size(); n > 0; n--) {
      String o = origins.get(path.subList(0, n));
      if (o != null) {
        return o;
      }
    }
    return DEFAULT_ORIGIN;
  }

  /**
   * Deep-merges {@code over} into this tree: maps merge key by key, anything else (scalars, lists)
   * replaces. A {@code null} in {@code over} means "not set" and leaves this tree's value alone.
   */
  void merge(Tree over) {
    mergeMaps(root, over.root, new ArrayList<>(), over);
  }

  @SuppressWarnings("unchecked")
  private void mergeMaps(Map<String, Object> base, Map<String, Object> over, List<String> path, Tree from) {
    for (Map.Entry<String, Object> e : over.entrySet()) {
      Object v = e.getValue();
      if (v == null) {
        continue;
      }
      path.add(e.getKey());
      Object old = base.get(e.getKey());
      if (old instanceof Map && v instanceof Map) {
        String o = from.origins.get(path);
        if (o != null && !origins.containsKey(path)) {
          origins.put(List.copyOf(path), o);
        }
        mergeMaps((Map<String, Object>) old, (Map<String, Object>) v, path, from);
      } else {
        origins.keySet().removeIf(k -> k.size() >= path.size() && k.subList(0, path.size()).equals(path));
        base.put(e.getKey(), deepCopy(v));
        for (Map.Entry<List<String>, String> oe : from.origins.entrySet()) {
          List<String> k = oe.getKey();
          if (k.size() >= path.size() && k.subList(0, path.size()).equals(path)) {
            origins.put(k, oe.getValue());
          }
        }
        origins.putIfAbsent(List.copyOf(path), from.origin(path));
      }
      path.remove(path.size() - 1);
    }
  }

  @SuppressWarnings("unchecked")
  private static Object deepCopy(Object v) {
    if (v instanceof Map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      ((Map<String, Object>) v).forEach((k, x) -> copy.put(k, deepCopy(x)));
      return copy;
    }
    if (v instanceof List) {
      List<Object> copy = new ArrayList<>();
      ((List<Object>) v).forEach(x -> copy.add(deepCopy(x)));
      return copy;
    }
    return v;
  }

  /** {@code backends.openai.timeouts.idle_ms}, {@code auth.api_keys[0]}. */
  static String render(List<String> path) {
    StringBuilder sb = new StringBuilder();
    for (String k : path) {
      if (sb.length() > 0 && !k.startsWith("[")) {
        sb.append('.');
      }
      sb.append(k);
    }
    return sb.toString();
  }
}
