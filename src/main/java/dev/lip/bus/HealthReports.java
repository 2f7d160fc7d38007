package dev.lip.bus;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Asks backends how they are doing; one that does not answer in time is reported unreachable. */
public final class HealthReports {
  private static final long TIMEOUT_MS = 2_000;

  private HealthReports() {
  }

  /** The health of each backend instance of {@code names}, in that order. */
  public static Future<List<BackendHealth>> of(EventBus bus, Collection<String> names) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(TIMEOUT_MS);
    List<Future<BackendHealth>> answers = new ArrayList<>();
    for (String name : names) {
      answers.add(bus.<BackendHealth>request(Addresses.health(name), null, options).map(Message::body)
          .otherwise(failure -> unreachable(name, failure)));
    }
    return Future.all(answers).map(all -> {
      List<BackendHealth> reports = new ArrayList<>(answers.size());
      answers.forEach(answer -> reports.add(answer.result()));
      return reports;
    });
  }

  private static BackendHealth unreachable(String name, Throwable failure) {
    return new BackendHealth(name, null, "unreachable", "UNKNOWN", 0, 0, 0, 0, List.of(),
        "no health answer: " + failure.getMessage(), System.currentTimeMillis());
  }
}
