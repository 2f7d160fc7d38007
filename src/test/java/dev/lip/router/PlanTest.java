package dev.lip.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lip.config.BackendConfig;
import dev.lip.config.Timeouts;
import dev.lip.model.ChatRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PlanTest {
  private static RouteResolver.Route route(String backend) {
    return new RouteResolver.Route(new BackendConfig(backend, "openai", "http://127.0.0.1:1", List.of(), List.of(),
        Timeouts.DEFAULTS, Map.of(), 1), "m", ChatRequest.simple("m", "hi", false));
  }

  @Test
  void failoverHandsOutTargetsInOrder() {
    Plan plan = new Plan(List.of(new Plan.Candidate(route("a"), 1, null), new Plan.Candidate(route("b"), 1, null)),
        false, null);
    assertThat(plan.next(10).route().backend().name()).isEqualTo("a");
    assertThat(plan.next(10).route().backend().name()).isEqualTo("b");
    assertThat(plan.next(10)).isNull();
  }

  @Test
  void weightedDrawsFollowTheWeightsWithinTolerance() {
    SplittableRandom random = new SplittableRandom(42);
    int a = 0;
    int draws = 10_000;
    for (int i = 0; i < draws; i++) {
      Plan plan = new Plan(List.of(new Plan.Candidate(route("a"), 3, null), new Plan.Candidate(route("b"), 1, null)),
          true, random);
      if (plan.next(10).route().backend().name().equals("a")) {
        a++;
      }
    }
    assertThat(a / (double) draws).isBetween(0.73, 0.77);
  }

  @Test
  void aFailedDrawIsReRolledAmongTheUntriedOnly() {
    Plan plan = new Plan(List.of(new Plan.Candidate(route("a"), 1, null), new Plan.Candidate(route("b"), 1, null),
        new Plan.Candidate(route("c"), 1, null)), true, new SplittableRandom(7));
    List<String> order = new ArrayList<>();
    for (Plan.Candidate next = plan.next(1); next != null; next = plan.next(1)) {
      order.add(next.route().backend().name());
    }
    assertThat(order).containsExactlyInAnyOrder("a", "b", "c");
  }

  @Test
  void targetsTooSmallForTheRequestAreSkippedAndReported() {
    Plan plan = new Plan(List.of(new Plan.Candidate(route("small"), 1, 1_000L),
        new Plan.Candidate(route("big"), 1, 200_000L)), false, null);
    assertThat(plan.needsEstimate()).isTrue();
    assertThat(plan.next(5_000).route().backend().name()).isEqualTo("big");
    assertThat(plan.skipped()).singleElement().asString().contains("small:m").contains("context 1000");
  }
}
