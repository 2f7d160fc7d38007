package dev.lip.router.selector;

import java.util.Map;
import java.util.Objects;

/**
 * One routing target.
 *
 * @param backend    the backend instance, or {@code null} for a bare model
 * @param model      the model, or empty when only the backend was named
 * @param parameters sampling overrides given as URI parameters, by name
 */
public record Leaf(String backend, String model, Map<String, String> parameters) {
  public Leaf {
    Objects.requireNonNull(model, "model");
    parameters = Map.copyOf(parameters);
  }
}
