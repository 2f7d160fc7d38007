package dev.lip.router;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The targets of one request, handed out one at a time: in order for a failover selector, by weighted
 * draw among those not tried yet for a weighted one. Targets whose context is smaller than the request
 * are skipped. Not thread-safe: one request's router owns it.
 */
final class Plan {
  /**
   * One target.
   *
   * @param weight     its share of draws in a weighted selector (1 elsewhere)
   * @param maxContext the largest request (in estimated tokens) it takes, or {@code null} for any
   */
  record Candidate(RouteResolver.Route route, int weight, Long maxContext) {
  }

  private final List<Candidate> remaining;
  private final boolean weighted;
  private final RandomGenerator random;
  private final List<String> skipped = new ArrayList<>();

  Plan(List<Candidate> candidates, boolean weighted, RandomGenerator random) {
    this.remaining = new ArrayList<>(candidates);
    this.weighted = weighted;
    this.random = random;
  }

  /** The next target for a request of {@code estimatedTokens}, or {@code null} when none is left. */
  Candidate next(long estimatedTokens) {
    remaining.removeIf(candidate -> {
      boolean tooSmall = candidate.maxContext() != null && estimatedTokens > candidate.maxContext();
      if (tooSmall) {
        skipped.add(RouteResolver.describe(candidate.route()) + " (context " + candidate.maxContext()
            + " < about " + estimatedTokens + " tokens)");
      }
      return tooSmall;
    });
    if (remaining.isEmpty()) {
      return null;
    }
    if (!weighted || remaining.size() == 1) {
      return remaining.remove(0);
    }
    long total = 0;
    for (Candidate candidate : remaining) {
      total += candidate.weight();
    }
    long draw = random.nextLong(total);
    for (int i = 0; i < remaining.size(); i++) {
      draw -= remaining.get(i).weight();
      if (draw < 0) {
        return remaining.remove(i);
      }
    }
    return remaining.remove(remaining.size() - 1);
  }

  /** The targets not handed out yet, as {@code backend:model}, with their weights in a weighted plan. */
  List<String> targets() {
    List<String> targets = new ArrayList<>(remaining.size());
    for (Candidate candidate : remaining) {
      targets.add((weighted ? "[weight=" + candidate.weight() + "]" : "") + RouteResolver.describe(candidate.route()));
    }
    return targets;
  }

  /** Whether some target has a context limit, so that the request's size matters. */
  boolean needsEstimate() {
    for (Candidate candidate : remaining) {
      if (candidate.maxContext() != null) {
        return true;
      }
    }
    return false;
  }

  /** The targets skipped because the request was too large for them, described. */
  List<String> skipped() {
    return skipped;
  }
}
