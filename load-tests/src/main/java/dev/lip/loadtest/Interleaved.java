package dev.lip.loadtest;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Closed-loop load on several targets in turn, in short alternating slices, so that every target is
 * measured under the same conditions: on a shared machine whose speed drifts over seconds, two
 * back-to-back 15-second windows can differ more than the targets do. Each round gives every target one
 * slice (a short unrecorded warm-up, for its connections, then the recorded part); histograms and request
 * counts add up over the rounds, so the rate of a target is its requests over its recorded seconds.
 */
final class Interleaved {
  private Interleaved() {
  }

  /**
   * {@code --ports A,B,C [--connections 1] [--warmup 10] [--rounds 8] [--slice 2] [--slice-warmup 0.3]
   * [--threads N]}: first {@code warmup} unrecorded seconds on each target, then the rounds; prints one
   * {@code RESULT} line per target, in the order given.
   */
  static int run(Args args) throws Exception {
    List<Integer> ports = new ArrayList<>();
    for (String port : args.str("ports", "").split(",")) {
      if (!port.isBlank()) {
        ports.add(Integer.parseInt(port.trim()));
      }
    }
    if (ports.isEmpty()) {
      System.err.println("interleaved needs --ports A,B,...");
      return 64;
    }
    int connections = args.integer("connections", 1);
    int threads = Math.max(1, Math.min(connections,
        args.integer("threads", Runtime.getRuntime().availableProcessors())));
    double warmup = args.decimal("warmup", 10);
    int rounds = Math.max(1, args.integer("rounds", 8));
    double slice = args.decimal("slice", 2);
    double sliceWarmup = args.decimal("slice-warmup", 0.3);
    long maxErrors = args.number("max-errors", 100);

    Map<Integer, Histogram> recorded = new LinkedHashMap<>();
    Map<Integer, Long> errors = new LinkedHashMap<>();
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(threads));
    boolean finished = true;
    try {
      for (int port : ports) {
        recorded.put(port, new Histogram());
        errors.put(port, 0L);
        finished &= window(vertx, new Target(args, port), warmup, 0, connections, threads,
            maxErrors, null, errors);
      }
      for (int round = 0; round < rounds; round++) {
        for (int port : ports) {
          finished &= window(vertx, new Target(args, port), sliceWarmup, slice, connections, threads,
              maxErrors, recorded.get(port), errors);
        }
      }
    } finally {
      close(vertx);
    }
    double seconds = rounds * slice;
    for (int port : ports) {
      Histogram h = recorded.get(port);
      double rps = h.count() / seconds;
      System.out.printf(Locale.ROOT, "interleaved http://127.0.0.1:%d: %d connections, %d rounds of %.1f s, "
          + "%d requests, %.0f req/s, errors %d%n", port, connections, rounds, slice, h.count(), rps,
          errors.get(port));
      System.out.println(String.format(Locale.ROOT, "RESULT mode=interleaved port=%d conns=%d requests=%d "
              + "errors=%d seconds=%.2f rps=%.1f %s finished=%b", port, connections, h.count(),
          errors.get(port), seconds, rps, LoadGenerator.percentiles("", h), finished));
    }
    return finished ? 0 : 1;
  }

  /** One warm-up-then-recorded window on {@code target}; records into {@code into} unless it is null. */
  private static boolean window(Vertx vertx, Target target, double warmup, double duration, int connections,
      int threads, long maxErrors, Histogram into, Map<Integer, Long> errors) throws Exception {
    RunPlan plan = RunPlan.timed(warmup, duration, 0, maxErrors, connections);
    List<ClosedLoopWorker> workers = new ArrayList<>();
    List<String> deployments = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int share = connections / threads + (t < connections % threads ? 1 : 0);
      ClosedLoopWorker worker = new ClosedLoopWorker(target, plan, share);
      workers.add(worker);
      deployments.add(vertx.deployVerticle(worker).await(10, TimeUnit.SECONDS));
    }
    long limitMs = (long) ((warmup + duration) * 1000) + target.timeoutMs + 10_000;
    boolean done = plan.loopsDone.await(limitMs, TimeUnit.MILLISECONDS);
    for (String id : deployments) {
      vertx.undeploy(id).await(10, TimeUnit.SECONDS);
    }
    if (into != null) {
      for (ClosedLoopWorker worker : workers) {
        into.add(worker.histogram);
      }
    }
    errors.merge(target.port, plan.errors.get(), Long::sum);
    return done;
  }

  private static void close(Vertx vertx) {
    try {
      vertx.close().await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("warning: Vert.x did not close cleanly: " + e);
    }
  }
}
