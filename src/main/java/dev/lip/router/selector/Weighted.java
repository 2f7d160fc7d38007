package dev.lip.router.selector;

import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code [weight=3]a^[weight=1]b}: one target is picked per request, each with a chance proportional to
 * its weight.
 *
 * @param branches at least two
 */
public record Weighted(List<Branch> branches) implements Selector {
  /**
   * @throws IllegalArgumentException with fewer than two branches
   */
  public Weighted {
    branches = List.copyOf(branches);
    if (branches.size() < 2) {
      throw new IllegalArgumentException("a weighted selector needs at least two branches");
    }
  }

  /** Every branch with its weight written out, as in {@code [weight=1]a^[weight=2,max_context=8000]b}. */
  @Override
  public String text() {
    return branches.stream()
        .map(branch -> Attributes.text(branch.weight(), branch.leaf().maxContext()) + branch.leaf().target())
        .collect(Collectors.joining("^"));
  }
}
