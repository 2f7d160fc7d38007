package dev.lip.bus;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Keeps a request on the event loop that made it. Every router and backend instance also listens on its
 * address suffixed with its own event-loop thread ({@link #consumeHere}); a sender on the same loop
 * reaches that instance without a thread hop ({@link #request}), and falls back to the plain address,
 * served by any instance on any node, when its loop has none.
 *
 * <p>One instance per verticle instance: it remembers, for its own loop, which addresses have no local
 * consumer, so that the fallback costs one failed attempt per address, not one per request. A consumer
 * deployed on the loop later is not noticed; requests still reach it, or another instance, through the
 * plain address.
 */
public final class LocalFirst {
  private final EventBus bus;
  private final Set<String> notHere = new HashSet<>();
  private final Map<String, String> localNames = new HashMap<>();

  public LocalFirst(EventBus bus) {
    this.bus = bus;
  }

  /** The address of {@code address}'s consumer on the calling event loop. */
  public static String here(String address) {
    return address + "@" + Thread.currentThread().getName();
  }

  /** Registers {@code handler} on {@code address} and on its local twin; completes when both are ready. */
  public static <T> Future<Void> consumeHere(EventBus bus, String address, Handler<Message<T>> handler) {
    MessageConsumer<T> shared = bus.consumer(address, handler);
    MessageConsumer<T> local = bus.localConsumer(here(address), handler);
    return Future.all(shared.completion(), local.completion()).mapEmpty();
  }

  /** Sends a request to the consumer of {@code address} on this loop if there is one, else to any. */
  public <R> Future<Message<R>> request(String address, Object body, DeliveryOptions options) {
    if (notHere.contains(address)) {
      return bus.request(address, body, options);
    }
    DeliveryOptions local = new DeliveryOptions(options).setLocalOnly(true);
    String localName = localNames.computeIfAbsent(address, LocalFirst::here);
    return bus.<R>request(localName, body, local).recover(failure -> {
      if (failure instanceof ReplyException re && re.failureType() == ReplyFailure.NO_HANDLERS) {
        notHere.add(address);
        return bus.request(address, body, options);
      }
      return Future.failedFuture(failure);
    });
  }
}
