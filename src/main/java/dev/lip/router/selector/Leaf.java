package dev.lip.router.selector;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One routing target.
 *
 * @param backend    the backend instance, or {@code null} for a bare model
 * @param model      the model, or empty when only the backend was named
 * @param parameters sampling overrides given as URI parameters, by name, in written order
 * @param maxContext the largest estimated request context this target takes (a larger request skips
 *                   it), or {@code null} for no limit
 */
public record Leaf(String backend, String model, Map<String, String> parameters, Integer maxContext)
    implements Selector {

  /** A target without a context limit. */
  public Leaf(String backend, String model, Map<String, String> parameters) {
    this(backend, model, parameters, null);
  }

  /**
   * @throws IllegalArgumentException when {@code maxContext} is not positive
   */
  public Leaf {
    Objects.requireNonNull(model, "model");
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    if (maxContext != null && maxContext < 1) {
      throw new IllegalArgumentException("max_context must be positive, got " + maxContext);
    }
  }

  /** This leaf as the only branch, of weight 1. */
  @Override
  public List<Branch> branches() {
    return List.of(new Branch(this, 1));
  }

  /** {@code [max_context=N]backend:model?name=value&…}, each part only when present. */
  @Override
  public String text() {
    return Attributes.text(null, maxContext) + target();
  }

  /** The target without attributes: {@code backend:model?name=value&…}. */
  String target() {
    String name = backend == null ? model : model.isEmpty() ? backend : backend + ":" + model;
    if (parameters.isEmpty()) {
      return name;
    }
    return name + parameters.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining("&", "?", ""));
  }
}
