package dev.lip.backend.providers;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnectOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The keep-alive connections of one provider instance to its upstream, each lent to one exchange at a time.
 * Confined to the event loop of the backend verticle that owns the provider, so it takes no lock and makes
 * no context per request, which the Vert.x client pool does; the pool costs more CPU than the rest of an
 * upstream exchange's bookkeeping together.
 *
 * <p>At most {@code maxConnections} are open or opening; beyond that, up to {@code maxWaiting} requests
 * wait for one to come back, in order, and further ones fail at once. A connection comes back only after an
 * exchange that ended cleanly ({@link Lease#release}); one that failed or was reset is closed by Vert.x and
 * forgotten when it closes.
 */
final class UpstreamConnections {
  private final HttpClientAgent client;
  private final HttpConnectOptions target;
  private final int maxConnections;
  private final int maxWaiting;
  private final ArrayDeque<Lease> idle = new ArrayDeque<>();
  private final ArrayDeque<Promise<Lease>> waiting = new ArrayDeque<>();
  private final Set<Lease> connected = new HashSet<>();
  private int open;

  UpstreamConnections(HttpClientAgent client, HttpConnectOptions target, int maxConnections, int maxWaiting) {
    this.client = client;
    this.target = target;
    this.maxConnections = Math.max(1, maxConnections);
    this.maxWaiting = maxWaiting;
  }

  /** One connection, lent to one exchange until {@link #release()} or until it closes. */
  final class Lease {
    private final HttpClientConnection connection;
    private boolean closed;
    private boolean served;

    private Lease(HttpClientConnection connection) {
      this.connection = connection;
    }

    HttpClientConnection connection() {
      return connection;
    }

    /** Whether the connection served an exchange before this one: the upstream may have closed it since. */
    boolean reused() {
      return served;
    }

    /**
     * The exchange ended cleanly with {@code response}, read to its end: the connection serves the next
     * one unless the upstream is about to close it (HTTP/1.0, {@code Connection: close}).
     */
    void releaseAfter(HttpClientResponse response) {
      if (response.version() == HttpVersion.HTTP_1_1
          && !"close".equalsIgnoreCase(response.getHeader(HttpHeaders.CONNECTION))) {
        release();
      }
    }

    /** The exchange ended cleanly, or never used the connection: it may serve the next one. */
    void release() {
      if (closed) {
        return;
      }
      served = true;
      Promise<Lease> next = waiting.poll();
      if (next != null) {
        next.complete(this);
      } else {
        idle.addLast(this);
      }
    }

    private void onClose() {
      closed = true;
      connected.remove(this);
      idle.remove(this);
      open--;
      if (!waiting.isEmpty()) {
        connect().onComplete(waiting.poll());
      }
    }
  }

  /** A connection for one exchange: the most recently used idle one, a new one, or the next one back. */
  Future<Lease> acquire() {
    Lease lease = idle.pollLast();
    if (lease != null) {
      return Future.succeededFuture(lease);
    }
    if (open < maxConnections) {
      return connect();
    }
    if (waiting.size() >= maxWaiting) {
      return Future.failedFuture(new IllegalStateException("all " + maxConnections
          + " connections to the upstream are busy and " + maxWaiting + " requests already wait for one"));
    }
    Promise<Lease> promise = Promise.promise();
    waiting.addLast(promise);
    return promise.future();
  }

  /**
   * A new connection, for an exchange whose reused connection the upstream closed unanswered: the idle
   * ones, older still, are closed too, and the limit may be passed by the one about to close.
   */
  Future<Lease> acquireFresh() {
    Lease stale;
    while ((stale = idle.pollFirst()) != null) {
      stale.connection.close();
    }
    return connect();
  }

  /** Closes every connection, lent or idle; requests still waiting fail. */
  void close() {
    Promise<Lease> next;
    while ((next = waiting.poll()) != null) {
      next.fail(new IllegalStateException("the provider was closed"));
    }
    for (Lease lease : List.copyOf(connected)) {
      lease.connection.close();
    }
  }

  /** Connections open or opening, for tests. */
  int open() {
    return open;
  }

  /** Idle connections, for tests. */
  int idle() {
    return idle.size();
  }

  private Future<Lease> connect() {
    open++;
    return client.connect(target).map(connection -> {
      Lease lease = new Lease(connection);
      connected.add(lease);
      connection.closeHandler(v -> lease.onClose());
      return lease;
    }).onFailure(failure -> {
      open--;
      if (!waiting.isEmpty() && open < maxConnections) {
        connect().onComplete(waiting.poll());
      }
    });
  }
}
