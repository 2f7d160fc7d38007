package dev.lip.backend.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpConnectOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The provider's own connection pool against a real HTTP server on loopback. */
@Timeout(30)
class UpstreamConnectionsTest {
  private final AtomicInteger accepted = new AtomicInteger();
  private final List<io.vertx.core.http.HttpConnection> serverSide = new CopyOnWriteArrayList<>();
  private Vertx vertx;
  private Context loop;
  private int port;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    HttpServer server = vertx.createHttpServer()
        .connectionHandler(connection -> {
          accepted.incrementAndGet();
          serverSide.add(connection);
        })
        .requestHandler(request -> request.response().end("ok"));
    port = server.listen(0, "127.0.0.1").await().actualPort();
    loop = vertx.getOrCreateContext();
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @Test
  void sequentialExchangesShareOneConnection() {
    UpstreamConnections pool = pool(4, 10);
    for (int i = 0; i < 5; i++) {
      UpstreamConnections.Lease lease = on(pool::acquire);
      assertThat(on(() -> get(lease))).isEqualTo("ok");
      on(() -> {
        lease.release();
        return Future.succeededFuture();
      });
    }
    assertThat(accepted).hasValue(1);
    assertThat(on(() -> Future.succeededFuture(pool.idle()))).isEqualTo(1);
  }

  @Test
  void beyondTheLimitRequestsWaitForAConnectionToComeBackAndThenFail() throws Exception {
    UpstreamConnections pool = pool(1, 1);
    UpstreamConnections.Lease first = on(pool::acquire);
    Future<UpstreamConnections.Lease> waiting = onLoop(pool::acquire);
    Future<UpstreamConnections.Lease> refused = onLoop(pool::acquire);

    assertThatThrownBy(() -> refused.await(5, TimeUnit.SECONDS)).hasMessageContaining("already wait");
    assertThat(waiting.isComplete()).isFalse();
    on(() -> {
      first.release();
      return Future.succeededFuture();
    });
    assertThat(waiting.await(5, TimeUnit.SECONDS)).isSameAs(first);
    assertThat(on(() -> Future.succeededFuture(pool.open()))).isEqualTo(1);
  }

  @Test
  void aConnectionTheServerClosesIsForgottenAndReplaced() throws Exception {
    UpstreamConnections pool = pool(2, 10);
    UpstreamConnections.Lease lease = on(pool::acquire);
    on(() -> get(lease));
    on(() -> {
      lease.release();
      return Future.succeededFuture();
    });

    serverSide.get(0).close().await(5, TimeUnit.SECONDS);
    for (int i = 0; i < 500 && on(() -> Future.succeededFuture(pool.open())) > 0; i++) {
      Thread.sleep(10);
    }
    assertThat(on(() -> Future.succeededFuture(pool.open()))).isZero();
    assertThat(on(() -> Future.succeededFuture(pool.idle()))).isZero();

    UpstreamConnections.Lease fresh = on(pool::acquire);
    assertThat(fresh).isNotSameAs(lease);
    assertThat(on(() -> get(fresh))).isEqualTo("ok");
    assertThat(accepted).hasValue(2);
  }

  @Test
  void closingFailsTheWaitingAndClosesEveryConnection() throws InterruptedException {
    UpstreamConnections pool = pool(1, 5);
    on(pool::acquire);
    Future<UpstreamConnections.Lease> waiting = onLoop(pool::acquire);

    on(() -> {
      pool.close();
      return Future.succeededFuture();
    });

    assertThatThrownBy(() -> waiting.await(5, TimeUnit.SECONDS)).hasMessageContaining("closed");
    for (int i = 0; i < 500 && on(() -> Future.succeededFuture(pool.open())) > 0; i++) {
      Thread.sleep(10);
    }
    assertThat(on(() -> Future.succeededFuture(pool.open()))).isZero();
  }

  private UpstreamConnections pool(int maxConnections, int maxWaiting) {
    return new UpstreamConnections(vertx.createHttpClient(new HttpClientOptions()),
        new HttpConnectOptions().setHost("127.0.0.1").setPort(port), maxConnections, maxWaiting);
  }

  private Future<String> get(UpstreamConnections.Lease lease) {
    return lease.connection().request(new RequestOptions().setMethod(HttpMethod.GET).setURI("/"))
        .compose(request -> request.send())
        .compose(response -> response.body())
        .map(body -> body.toString());
  }

  /** Runs {@code operation} on the pool's event loop, as the backend verticle does. */
  private <T> Future<T> onLoop(Supplier<Future<T>> operation) {
    Promise<T> result = Promise.promise();
    loop.runOnContext(v -> operation.get().onComplete(result));
    return result.future();
  }

  private <T> T on(Supplier<Future<T>> operation) {
    try {
      return onLoop(operation).await(5, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("the pool did not answer within 5 s", e);
    }
  }
}
