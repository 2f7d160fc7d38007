package dev.lip.loadtest;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;

/**
 * Closed-loop load on one event loop: {@code connections} loops, each with exactly one request in
 * flight, issuing the next request as soon as the previous answer has been read in full.
 */
final class ClosedLoopWorker extends VerticleBase {
  private final Target target;
  private final RunPlan plan;
  private final int connections;
  /** Latencies of requests completing inside the measured window. Read after the run only. */
  final Histogram histogram = new Histogram();
  long lastCompletionNanos;
  private HttpClient client;

  ClosedLoopWorker(Target target, RunPlan plan, int connections) {
    this.target = target;
    this.plan = plan;
    this.connections = connections;
  }

  @Override
  public Future<?> start() {
    client = vertx.createHttpClient(
        new HttpClientOptions().setKeepAlive(true).setPipelining(false).setTcpNoDelay(true),
        new PoolOptions().setHttp1MaxSize(connections));
    for (int i = 0; i < connections; i++) {
      loop();
    }
    return Future.succeededFuture();
  }

  private void loop() {
    long start = System.nanoTime();
    long seq = plan.next(start);
    if (seq < 0) {
      plan.loopsDone.countDown();
      return;
    }
    Exchange.call(client, target, plan.isStream(seq)).onComplete(ar -> {
      long end = System.nanoTime();
      if (ar.failed()) {
        plan.error(ar.cause());
        // Re-enter via the event loop so a burst of immediate failures cannot grow the stack.
        context.runOnContext(v -> loop());
        return;
      }
      if (plan.measured(end)) {
        histogram.record(end - start);
        lastCompletionNanos = Math.max(lastCompletionNanos, end);
      }
      loop();
    });
  }

  @Override
  public Future<?> stop() {
    return client == null ? Future.succeededFuture() : client.close();
  }
}
