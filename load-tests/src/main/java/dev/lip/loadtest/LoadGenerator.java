package dev.lip.loadtest;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Loopback-only HTTP load generator for the chat-completions endpoint.
 *
 * <pre>
 * java -jar load-tests.jar MODE [--port P] [--path /v1/chat/completions] [--model M] [--auth KEY]
 *   latency  closed loop:   [--connections 1] [--warmup 5] [--duration 15] [--threads N] [--stream-every 0]
 *   count    fixed count:   [--requests 100000] [--connections 64] [--threads N] [--stream-every 0]
 *   stream   sequential:    [--warmup-requests 200] [--requests 2000]
 *   interleaved  in turn:   --ports A,B,C [--connections 1] [--warmup 10] [--rounds 8] [--slice 2]
 *   wait     readiness:     [--path /v1/models] [--timeout 60]
 * </pre>
 *
 * Prints a human summary and one machine-readable {@code RESULT key=value ...} line.
 */
public final class LoadGenerator {
  private LoadGenerator() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    String mode = args.positional(0, "help");
    int code;
    switch (mode) {
      case "latency":
      case "count":
        code = closedLoop(args, mode.equals("count"));
        break;
      case "stream":
        code = stream(args);
        break;
      case "interleaved":
        code = Interleaved.run(args);
        break;
      case "wait":
        code = Readiness.await(args);
        break;
      default:
        System.err.println("usage: LoadGenerator latency|count|stream|wait [--options] (see Javadoc/README)");
        code = 64;
    }
    System.exit(code);
  }

  private static int closedLoop(Args args, boolean countMode) throws Exception {
    Target target = new Target(args);
    int connections = args.integer("connections", countMode ? 64 : 1);
    int threads = Math.max(1, Math.min(connections,
        args.integer("threads", Runtime.getRuntime().availableProcessors())));
    int streamEvery = args.integer("stream-every", 0);
    long maxErrors = args.number("max-errors", 100);
    double warmup = args.decimal("warmup", 5);
    double duration = args.decimal("duration", 15);
    long requests = args.number("requests", 100_000);
    double maxSeconds = args.decimal("max-seconds", 600);
    RunPlan plan = countMode
        ? RunPlan.counted(requests, maxSeconds, streamEvery, maxErrors, connections)
        : RunPlan.timed(warmup, duration, streamEvery, maxErrors, connections);
    double hardLimit = (countMode ? maxSeconds : warmup + duration) + target.timeoutMs / 1000.0 + 10;

    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(threads));
    List<ClosedLoopWorker> workers = new ArrayList<>();
    long startNanos = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      int share = connections / threads + (t < connections % threads ? 1 : 0);
      ClosedLoopWorker w = new ClosedLoopWorker(target, plan, share);
      workers.add(w);
      vertx.deployVerticle(w);
    }
    boolean finished = plan.loopsDone.await((long) (hardLimit * 1000), TimeUnit.MILLISECONDS);
    close(vertx);

    Histogram all = new Histogram();
    long last = startNanos;
    for (ClosedLoopWorker w : workers) {
      all.add(w.histogram);
      last = Math.max(last, w.lastCompletionNanos);
    }
    double seconds = countMode ? (last - startNanos) / 1e9 : duration;
    double rps = seconds > 0 ? all.count() / seconds : 0;
    System.out.printf(Locale.ROOT, "%s %s: %d connections, %d threads, %d requests in %.2f s, "
            + "%.0f req/s, errors %d%s%n", countMode ? "count" : "latency", target.describe(),
        connections, threads, all.count(), seconds, rps, plan.errors.get(),
        plan.firstError.get() == null ? "" : " (first: " + plan.firstError.get() + ")");
    System.out.println(String.format(Locale.ROOT, "RESULT mode=%s conns=%d requests=%d errors=%d "
            + "seconds=%.2f rps=%.1f %s finished=%b", countMode ? "count" : "latency", connections,
        all.count(), plan.errors.get(), seconds, rps, percentiles("", all), finished));
    return finished ? 0 : 1;
  }

  private static int stream(Args args) throws Exception {
    Target target = new Target(args);
    int warmup = args.integer("warmup-requests", 200);
    int requests = args.integer("requests", 2000);
    double maxSeconds = args.decimal("max-seconds", 120);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    StreamProbe probe = new StreamProbe(target, warmup, requests, maxSeconds);
    vertx.deployVerticle(probe);
    boolean finished = probe.done.await((long) (maxSeconds * 1000) + target.timeoutMs + 10_000,
        TimeUnit.MILLISECONDS);
    close(vertx);
    System.out.printf(Locale.ROOT, "stream %s: %d measured streams (%d events each), errors %d%s%n",
        target.describe(), probe.total.count(), probe.lastEvents, probe.errors,
        probe.firstError == null ? "" : " (first: " + probe.firstError + ")");
    System.out.println(String.format(Locale.ROOT, "RESULT mode=stream requests=%d errors=%d events=%d "
            + "%s %s finished=%b", probe.total.count(), probe.errors, probe.lastEvents,
        percentiles("ttfc_", probe.firstChunk), percentiles("total_", probe.total), finished));
    return finished ? 0 : 1;
  }

  /** {@code <prefix>p50_us=.. p90_us=.. p99_us=.. max_us=.. mean_us=..} in microseconds. */
  static String percentiles(String prefix, Histogram h) {
    return String.format(Locale.ROOT, "%sp50_us=%.1f %sp90_us=%.1f %sp99_us=%.1f %smax_us=%.1f %smean_us=%.1f",
        prefix, h.percentileNanos(50) / 1e3, prefix, h.percentileNanos(90) / 1e3,
        prefix, h.percentileNanos(99) / 1e3, prefix, h.maxNanos() / 1e3, prefix, h.meanNanos() / 1e3);
  }

  private static void close(Vertx vertx) {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("warning: Vert.x did not close cleanly: " + e);
    }
  }
}
