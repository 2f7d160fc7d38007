package dev.lip.loadtest;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.PoolOptions;
import java.util.concurrent.CountDownLatch;

/**
 * Sequential streamed requests on one keep-alive connection, measuring time-to-first-chunk (from
 * just before the request is sent to the first received {@code data:} event) and total stream time.
 */
final class StreamProbe extends VerticleBase {
  private static final Buffer DATA = Buffer.buffer("data:");

  private final Target target;
  private final int warmup;
  private final int count;
  private final long deadlineNanos;
  final Histogram firstChunk = new Histogram();
  final Histogram total = new Histogram();
  final CountDownLatch done = new CountDownLatch(1);
  long errors;
  String firstError;
  int lastEvents;
  private HttpClient client;

  StreamProbe(Target target, int warmup, int count, double maxSeconds) {
    this.target = target;
    this.warmup = warmup;
    this.count = count;
    this.deadlineNanos = System.nanoTime() + (long) (maxSeconds * 1e9);
  }

  @Override
  public Future<?> start() {
    client = vertx.createHttpClient(
        new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
        new PoolOptions().setHttp1MaxSize(1));
    run(0);
    return Future.succeededFuture();
  }

  private void run(int i) {
    if (i >= warmup + count || System.nanoTime() > deadlineNanos || errors > 100) {
      done.countDown();
      return;
    }
    one(i >= warmup).onComplete(ar -> {
      if (ar.failed()) {
        errors++;
        if (firstError == null) {
          firstError = String.valueOf(ar.cause().getMessage());
        }
      }
      context.runOnContext(v -> run(i + 1));
    });
  }

  private Future<Void> one(boolean record) {
    Promise<Void> result = Promise.promise();
    long[] times = new long[2]; // [0] = sent, [1] = first data event
    client.request(target.post())
        .compose(req -> {
          times[0] = System.nanoTime();
          return req.send(target.body(true));
        })
        .onFailure(result::tryFail)
        .onSuccess(resp -> read(resp, times, record, result));
    return result.future();
  }

  private void read(HttpClientResponse resp, long[] times, boolean record, Promise<Void> result) {
    Buffer acc = Buffer.buffer(4096);
    resp.exceptionHandler(result::tryFail);
    resp.handler(buf -> {
      acc.appendBuffer(buf);
      if (times[1] == 0 && Exchange.indexOf(acc, DATA, 0) >= 0) {
        times[1] = System.nanoTime();
      }
    });
    resp.endHandler(v -> {
      long end = System.nanoTime();
      if (resp.statusCode() != 200 || times[1] == 0 || !Exchange.containsDone(acc)) {
        result.tryFail("bad stream, HTTP " + resp.statusCode() + ": " + Exchange.head(acc));
        return;
      }
      lastEvents = Exchange.countEvents(acc);
      if (record) {
        firstChunk.record(times[1] - times[0]);
        total.record(end - times[0]);
      }
      result.tryComplete();
    });
  }

  @Override
  public Future<?> stop() {
    return client == null ? Future.succeededFuture() : client.close();
  }
}
