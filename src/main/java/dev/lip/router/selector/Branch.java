package dev.lip.router.selector;

import java.util.Objects;

/**
 * One target of a selector.
 *
 * @param leaf   the target
 * @param weight its share in a {@link Weighted} pick; 1 everywhere else
 */
public record Branch(Leaf leaf, int weight) {
  /**
   * @throws IllegalArgumentException when {@code weight} is not positive
   */
  public Branch {
    Objects.requireNonNull(leaf, "leaf");
    if (weight < 1) {
      throw new IllegalArgumentException("a branch weight must be positive, got " + weight);
    }
  }
}
