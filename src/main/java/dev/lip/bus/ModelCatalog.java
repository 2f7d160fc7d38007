package dev.lip.bus;

import java.util.List;
import java.util.Objects;

/**
 * Routable models. A backend answers a request on {@link Addresses#models(String)} with its own; the
 * router answers one on {@link Addresses#MODELS} with every backend's.
 */
public record ModelCatalog(List<Entry> entries) {
  public ModelCatalog {
    entries = List.copyOf(entries);
  }

  /** One model offered by one backend instance; its selector is {@code backend:model}. */
  public record Entry(String backend, String model) {
    public Entry {
      Objects.requireNonNull(backend, "backend");
      Objects.requireNonNull(model, "model");
    }

    public String selector() {
      return backend + ":" + model;
    }
  }
}
