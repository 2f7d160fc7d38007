package dev.lip.bus;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.MessageProducer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Keeps a request on the event loop that made it. Every router and backend instance also listens on its
 * address suffixed with its own event-loop thread ({@link #consumeHere}); a sender on the same loop
 * reaches that instance without a thread hop ({@link #send}), and falls back to the plain address,
 * served by any instance on any node, when its loop has none.
 *
 * <p>One instance per verticle instance: it remembers, for its own loop, which addresses have no local
 * consumer, so that the fallback costs one failed attempt per address, not one per request. A consumer
 * deployed on the loop later is not noticed; messages still reach it, or another instance, through the
 * plain address.
 */
public final class LocalFirst {
  private final EventBus bus;
  private final Set<String> notHere = new HashSet<>();
  private final Map<String, MessageProducer<Object>> local = new HashMap<>();
  private final Map<String, MessageProducer<Object>> anywhere = new HashMap<>();

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

  /** Whether {@code failure}, of a send, says that no consumer listens on the address. */
  public static boolean noHandler(Throwable failure) {
    return failure instanceof ReplyException re && re.failureType() == ReplyFailure.NO_HANDLERS;
  }

  /**
   * Sends {@code body} to the consumer of {@code address} on this loop if there is one, else to any; no
   * reply is expected. The future fails when no consumer of the plain address exists either (see
   * {@link #noHandler}), else it succeeds once the message was handed over (which says nothing about
   * whether it will be handled).
   *
   */
  public Future<Void> send(String address, Object body) {
    if (notHere.contains(address)) {
      return anywhere(address).write(body);
    }
    MessageProducer<Object> twin = local.get(address);
    if (twin == null) {
      twin = bus.sender(here(address), new DeliveryOptions().setLocalOnly(true));
      local.put(address, twin);
    }
    return twin.write(body).recover(failure -> {
      if (noHandler(failure)) {
        notHere.add(address);
        return anywhere(address).write(body);
      }
      return Future.failedFuture(failure);
    });
  }

  /** A producer, unlike {@link EventBus#send}, keeps the outcome of each write. */
  private MessageProducer<Object> anywhere(String address) {
    MessageProducer<Object> producer = anywhere.get(address);
    if (producer == null) {
      producer = bus.sender(address);
      anywhere.put(address, producer);
    }
    return producer;
  }
}
