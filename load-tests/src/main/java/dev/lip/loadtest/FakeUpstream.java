package dev.lip.loadtest;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.TimeUnit;

/**
 * A very fast fake OpenAI-compatible chat upstream on 127.0.0.1, one verticle per event loop.
 *
 * <pre>
 * java -cp load-tests.jar dev.lip.loadtest.FakeUpstream [--port 0] [--instances N]
 *      [--chunks 20] [--chunk-delay-ms 0]
 * </pre>
 *
 * Prints {@code FAKE_UPSTREAM_PORT=<port>} once listening, then runs until killed.
 */
public final class FakeUpstream {
  private FakeUpstream() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    int instances = args.integer("instances", Runtime.getRuntime().availableProcessors());
    int chunks = args.integer("chunks", 20);
    long delayMs = args.number("chunk-delay-ms", 0);
    FakeResponses responses = new FakeResponses(chunks);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(instances));
    // The first instance resolves port 0; the others then share the actual port.
    FakeUpstreamVerticle first = new FakeUpstreamVerticle(args.integer("port", 0), responses, delayMs);
    vertx.deployVerticle(first).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    int port = first.actualPort();
    if (instances > 1) {
      vertx.deployVerticle(() -> new FakeUpstreamVerticle(port, responses, delayMs),
              new DeploymentOptions().setInstances(instances - 1))
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    System.out.println("FAKE_UPSTREAM_PORT=" + port + " instances=" + instances
        + " chunks=" + chunks + " chunkDelayMs=" + delayMs);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // exiting anyway
      }
    }));
  }
}
