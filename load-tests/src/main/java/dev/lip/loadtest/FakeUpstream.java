package dev.lip.loadtest;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
    int requested = args.integer("port", 0);
    // A negative port makes Vert.x pick one free port and share it among all the instances.
    int listenPort = requested == 0 ? -1 : requested;
    List<FakeUpstreamVerticle> deployed = new CopyOnWriteArrayList<>();
    try {
      vertx.deployVerticle(() -> {
        FakeUpstreamVerticle verticle = new FakeUpstreamVerticle(listenPort, responses, delayMs);
        deployed.add(verticle);
        return verticle;
      }, new DeploymentOptions().setInstances(instances))
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      System.err.println("FakeUpstream could not start: " + e.getMessage());
      vertx.close();
      System.exit(1);
    }
    int port = deployed.get(0).actualPort();
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
