package dev.lip.loadtest;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.transport.Transport;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A bare Vert.x HTTP pass-through on 127.0.0.1: the CPU floor of any HTTP-terminating proxy
 * between the load generator and the fake upstream (see load-tests/README.md). Set up like the
 * gateway: one verticle per event loop, event loops = cores, and the gateway's default transport
 * (io_uring, else epoll, else NIO) unless {@code --transport} names one.
 *
 * <pre>
 * java -cp load-tests.jar dev.lip.loadtest.PassthroughProxy --upstream-port U [--port 0]
 *      [--instances N] [--request-timeout-ms 10000] [--transport auto|io_uring|epoll|nio]
 * </pre>
 *
 * Prints {@code PASSTHROUGH_PORT=<port>} once listening, then runs until killed.
 */
public final class PassthroughProxy {
  private static final long START_TIMEOUT_S = 30;
  private static final long STOP_TIMEOUT_S = 5;

  private PassthroughProxy() {}

  /** The transport named, or for {@code auto} the first the host offers of io_uring, epoll and NIO. */
  private static Transport transport(String name) {
    return switch (name) {
      case "io_uring" -> Transport.IO_URING;
      case "epoll" -> Transport.EPOLL;
      case "nio" -> Transport.NIO;
      default -> Stream.of(Transport.IO_URING, Transport.EPOLL)
          .filter(t -> t != null && t.available()).findFirst().orElse(Transport.NIO);
    };
  }

  public static void main(String[] argv) {
    Args args = new Args(argv);
    int upstreamPort = args.integer("upstream-port", 0);
    if (upstreamPort <= 0) {
      System.err.println("usage: PassthroughProxy --upstream-port U [--port 0] [--instances N] "
          + "[--request-timeout-ms 10000] [--transport auto|io_uring|epoll|nio]");
      System.exit(64);
    }
    int instances = args.integer("instances", Runtime.getRuntime().availableProcessors());
    long timeoutMs = args.number("request-timeout-ms", 10_000);
    // A negative port makes Vert.x pick one free port and share it among all the instances.
    int requested = args.integer("port", 0);
    int listenPort = requested == 0 ? -1 : requested;
    Transport transport = transport(args.str("transport", "auto"));
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setEventLoopPoolSize(instances))
        .withTransport(transport)
        .build();
    List<PassthroughVerticle> verticles = new CopyOnWriteArrayList<>();
    try {
      vertx.deployVerticle(() -> {
        PassthroughVerticle verticle = new PassthroughVerticle(listenPort, upstreamPort, timeoutMs);
        verticles.add(verticle);
        return verticle;
      }, new DeploymentOptions().setInstances(instances)).await(START_TIMEOUT_S, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("pass-through failed to start: " + e);
      stop(vertx);
      System.exit(1);
    }
    System.out.println("PASSTHROUGH_PORT=" + verticles.get(0).actualPort() + " instances=" + instances
        + " upstreamPort=" + upstreamPort
        + " transport=" + transport.name());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(vertx)));
  }

  private static void stop(Vertx vertx) {
    try {
      vertx.close().await(STOP_TIMEOUT_S, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // exiting anyway
    }
  }
}
