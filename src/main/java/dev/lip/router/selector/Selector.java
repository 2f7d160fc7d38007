package dev.lip.router.selector;

import java.util.List;

/**
 * A parsed model selector: one {@link Leaf}, a {@link Failover} list tried in order, or a
 * {@link Weighted} pick. One operator kind per selector, no nesting (see {@link SelectorParser}).
 */
public sealed interface Selector permits Leaf, Failover, Weighted {
  /** The targets in written order, each with its weight (1 unless the selector is {@link Weighted}). */
  List<Branch> branches();

  /** This selector as text; parsing it with the same backend names gives an equal selector. */
  String text();
}
