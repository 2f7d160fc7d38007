package dev.lip.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads the YAML file into a {@link Tree} whose origins are {@code file:line}. SnakeYAML composes the
 * node graph (so every value keeps its line); scalars are built by a {@link SafeConstructor} (no
 * arbitrary types). Null, boolean and integer scalars become {@code null}, {@link Boolean} and
 * {@link Number}; every other scalar stays the string written in the file (so {@code 1.10} stays
 * {@code "1.10"}). String scalars are then interpolated ({@link Interpolator}). Duplicate keys are an
 * error; anchors, aliases and {@code <<} merge keys work.
 */
final class YamlSource {
  private static final int MAX_DEPTH = 40;

  private final String file;
  private final Interpolator interpolator;
  private final Scalars scalars;
  private final Tree tree = new Tree();

  private YamlSource(String file, Interpolator interpolator, LoaderOptions options) {
    this.file = file;
    this.interpolator = interpolator;
    this.scalars = new Scalars(options);
  }

  static Tree read(Path path, Map<String, String> env) {
    String file = path.toString();
    String text;
    try {
      if (Files.isDirectory(path)) {
        throw ConfigException.of(List.of("config file " + file + " is a directory"));
      }
      text = StandardCharsets.UTF_8.newDecoder()
          .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(path))).toString();
    } catch (NoSuchFileException e) {
      throw ConfigException.of(List.of("config file not found: " + file));
    } catch (AccessDeniedException e) {
      throw ConfigException.of(List.of("config file " + file + " cannot be read: permission denied"));
    } catch (CharacterCodingException e) {
      throw ConfigException.of(List.of("config file " + file + " is not valid UTF-8"));
    } catch (IOException e) {
      throw ConfigException.of(List.of("config file " + file + " cannot be read: " + e.getClass().getSimpleName()));
    }
    return parse(file, text, env);
  }

  static Tree parse(String file, String text, Map<String, String> env) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setAllowRecursiveKeys(false);
    options.setMaxAliasesForCollections(50);
    YamlSource source = new YamlSource(file, new Interpolator(env), options);
    try (Reader reader = new java.io.StringReader(text)) {
      Node root = new Yaml(options).compose(reader);
      if (root == null) {
        return source.tree;
      }
      if (!(root instanceof MappingNode)) {
        throw ConfigException.of(List.of(file + ":" + line(root.getStartMark())
            + ": the top level must be a mapping of keys (server, auth, backends, ...)"));
      }
      source.mapping((MappingNode) root, source.tree.root, new ArrayList<>(), 0);
      return source.tree;
    } catch (MarkedYAMLException e) {
      throw ConfigException.of(List.of(syntax(file, e)));
    } catch (YAMLException e) {
      // Not marked: no position to report; the message never quotes the source text.
      throw ConfigException.of(List.of(file + ": YAML error: " + firstLine(e.getMessage())));
    } catch (IOException e) {
      throw ConfigException.of(List.of(file + ": cannot be read"));
    }
  }

  /** A syntax error with the file, line and column but without SnakeYAML's source snippet (it may hold a key). */
  private static String syntax(String file, MarkedYAMLException e) {
    Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
    StringBuilder sb = new StringBuilder(file);
    if (mark != null) {
      sb.append(':').append(mark.getLine() + 1).append(':').append(mark.getColumn() + 1);
    }
    sb.append(": YAML syntax error: ");
    String problem = e.getProblem();
    String context = e.getContext();
    if (context != null) {
      sb.append(context);
      if (problem != null) {
        sb.append(", ");
      }
    }
    if (problem != null) {
      sb.append(problem);
    }
    if (e.getContextMark() != null && e.getProblemMark() != null
        && e.getContextMark().getLine() != e.getProblemMark().getLine()) {
      sb.append(" (started at line ").append(e.getContextMark().getLine() + 1).append(')');
    }
    return firstLine(sb.toString());
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unknown problem";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static List<String> child(List<String> path, String key) {
    List<String> p = new ArrayList<>(path);
    p.add(key);
    return p;
  }

  private static int line(Mark mark) {
    return mark == null ? 0 : mark.getLine() + 1;
  }

  private String origin(Node node) {
    return file + ":" + line(node.getStartMark());
  }

  private void mapping(MappingNode node, Map<String, Object> into, List<String> path, int depth) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (NodeTuple t : node.getValue()) {
      Node keyNode = t.getKeyNode();
      if (keyNode instanceof ScalarNode && !Tag.MERGE.equals(keyNode.getTag())) {
        String key = ((ScalarNode) keyNode).getValue();
        if (!seen.add(key)) {
          throw ConfigException.of(List.of(origin(keyNode) + ": " + Tree.render(child(path, key))
              + ": duplicate key"));
        }
      }
    }
    scalars.flatten(node);
    for (NodeTuple t : node.getValue()) {
      Node keyNode = t.getKeyNode();
      if (!(keyNode instanceof ScalarNode)) {
        throw ConfigException.of(List.of(origin(keyNode) + ": " + Tree.render(path)
            + ": keys must be plain strings"));
      }
      String key = ((ScalarNode) keyNode).getValue();
      path.add(key);
      tree.origins.put(List.copyOf(path), origin(keyNode));
      into.put(key, value(t.getValueNode(), path, depth + 1));
      path.remove(path.size() - 1);
    }
  }

  private Object value(Node node, List<String> path, int depth) {
    if (depth > MAX_DEPTH) {
      throw ConfigException.of(List.of(origin(node) + ": " + Tree.render(path) + ": nested too deeply"));
    }
    if (node instanceof MappingNode) {
      Map<String, Object> map = new LinkedHashMap<>();
      mapping((MappingNode) node, map, path, depth);
      return map;
    }
    if (node instanceof SequenceNode) {
      List<Object> list = new ArrayList<>();
      List<Node> items = ((SequenceNode) node).getValue();
      for (int i = 0; i < items.size(); i++) {
        path.add("[" + i + "]");
        tree.origins.put(List.copyOf(path), origin(items.get(i)));
        list.add(value(items.get(i), path, depth + 1));
        path.remove(path.size() - 1);
      }
      return list;
    }
    ScalarNode scalar = (ScalarNode) node;
    Tag tag = scalar.getTag();
    if (Tag.NULL.equals(tag) || Tag.BOOL.equals(tag) || Tag.INT.equals(tag)) {
      return scalars.construct(scalar);
    }
    String text = scalar.getValue();
    if (!Tag.STR.equals(tag)) {
      return text;
    }
    Interpolator.Result r = interpolator.apply(text);
    if (r.error() != null) {
      throw ConfigException.of(List.of(origin(node) + ": " + Tree.render(path) + ": " + r.error()));
    }
    if (!r.unset().isEmpty()) {
      tree.origins.put(List.copyOf(path), origin(node) + " (environment variable "
          + String.join(", ", r.unset()) + " is not set)");
    }
    return r.value();
  }

  /** Exposes the protected parts of SafeConstructor we need: scalar construction and merge-key flattening. */
  private static final class Scalars extends SafeConstructor {
    Scalars(LoaderOptions options) {
      super(options);
    }

    Object construct(ScalarNode node) {
      return constructObject(node);
    }

    void flatten(MappingNode node) {
      flattenMapping(node);
    }
  }
}
