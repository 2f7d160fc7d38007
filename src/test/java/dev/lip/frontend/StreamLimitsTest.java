package dev.lip.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamLimitsTest {

  @Test
  void timersAreCheckedOftenEnoughForTheShortestLimit() {
    assertThat(new StreamLimits(15_000, 30_000, 122_000, 124_000).tickMs()).isEqualTo(1_000);
    assertThat(new StreamLimits(200, 30_000, 122_000, 124_000).tickMs()).isEqualTo(50);
    assertThat(new StreamLimits(20, 30, 100, 100).tickMs()).isEqualTo(10);
  }

  @Test
  void disabledKeepAlivesDoNotShortenTheTick() {
    assertThat(new StreamLimits(0, 30_000, 122_000, 124_000).tickMs()).isEqualTo(1_000);
  }
}
