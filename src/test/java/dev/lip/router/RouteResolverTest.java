package dev.lip.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lip.config.ProxyConfig;
import dev.lip.config.Timeouts;
import dev.lip.fakes.TestProxy;
import dev.lip.model.ChatRequest;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Selectors parsed once are reused; one that failed to parse fails every time. */
class RouteResolverTest {
  private final ProxyConfig config = TestProxy.config("a", 15_000, 1 << 20,
      TestProxy.openai("a", "http://127.0.0.1:1/v1", Timeouts.DEFAULTS, List.of("m1")),
      TestProxy.openai("b", "http://127.0.0.1:2/v1", Timeouts.DEFAULTS, List.of("m2")));
  private final RouteResolver resolver = new RouteResolver(config, new SplittableRandom(7));

  @Test
  void aRepeatedSelectorPlansTheSameTargets() {
    for (int i = 0; i < 3; i++) {
      Plan plan = resolver.plan("a:m1|b:m2", ChatRequest.simple("a:m1|b:m2", "hi", false));
      assertThat(RouteResolver.describe(plan.next(1).route())).isEqualTo("a:m1");
      assertThat(RouteResolver.describe(plan.next(1).route())).isEqualTo("b:m2");
      assertThat(plan.next(1)).isNull();
    }
  }

  @Test
  void anInvalidSelectorIsRefusedEveryTime() {
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> resolver.plan("a:m1|b:m2^a:m1", ChatRequest.simple("x", "hi", false)))
          .isInstanceOf(RouteResolver.RouteException.class)
          .hasMessageContaining("one operator kind");
    }
  }
}
