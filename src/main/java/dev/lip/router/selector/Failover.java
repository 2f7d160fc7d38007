package dev.lip.router.selector;

import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code a|b|c}: the targets are tried in order until one starts answering.
 *
 * @param branches at least two, each of weight 1
 */
public record Failover(List<Branch> branches) implements Selector {
  /**
   * @throws IllegalArgumentException with fewer than two branches or a branch weighing more than 1
   */
  public Failover {
    branches = List.copyOf(branches);
    if (branches.size() < 2) {
      throw new IllegalArgumentException("a failover selector needs at least two branches");
    }
    for (Branch branch : branches) {
      if (branch.weight() != 1) {
        throw new IllegalArgumentException("failover branches carry no weight, got " + branch.weight());
      }
    }
  }

  @Override
  public String text() {
    return branches.stream().map(branch -> branch.leaf().text()).collect(Collectors.joining("|"));
  }
}
