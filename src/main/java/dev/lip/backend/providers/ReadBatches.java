package dev.lip.backend.providers;

import dev.lip.backend.EventSink;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * An upstream response body whose every read is handled inside one {@link EventSink#batch}, so that the
 * events decoded from one read reach the client together.
 */
final class ReadBatches implements ReadStream<Buffer> {
  private final ReadStream<Buffer> body;
  private final EventSink sink;

  ReadBatches(ReadStream<Buffer> body, EventSink sink) {
    this.body = body;
    this.sink = sink;
  }

  @Override
  public ReadStream<Buffer> handler(Handler<Buffer> handler) {
    body.handler(handler == null ? null : buffer -> sink.batch(() -> handler.handle(buffer)));
    return this;
  }

  @Override
  public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    body.exceptionHandler(handler);
    return this;
  }

  @Override
  public ReadStream<Buffer> pause() {
    body.pause();
    return this;
  }

  @Override
  public ReadStream<Buffer> resume() {
    body.resume();
    return this;
  }

  @Override
  public ReadStream<Buffer> fetch(long amount) {
    body.fetch(amount);
    return this;
  }

  @Override
  public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
    body.endHandler(endHandler == null ? null : end -> sink.batch(() -> endHandler.handle(end)));
    return this;
  }
}
