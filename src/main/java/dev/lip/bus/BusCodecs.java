package dev.lip.bus;

import dev.lip.model.ChatEvent;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;
import java.util.List;

/** Registers one codec per message type; call it on every node before deploying anything. */
public final class BusCodecs {

  /** Every record type that travels on the event bus. */
  public static final List<Class<?>> MESSAGE_TYPES = List.of(
      Call.class, Dispatch.class, DispatchOutcome.class, FlowControl.class, ModelCatalog.class,
      StreamEvent.class, BackendHealth.class,
      ChatEvent.Started.class, ChatEvent.TextDelta.class, ChatEvent.ThinkingDelta.class,
      ChatEvent.RedactedThinking.class,
      ChatEvent.ToolCallStarted.class, ChatEvent.ToolCallDelta.class, ChatEvent.ToolCallDone.class,
      ChatEvent.UsageReport.class, ChatEvent.Finished.class, ChatEvent.Failed.class);

  private BusCodecs() {
  }

  /** Registers the default codec of every message type on {@code bus}. */
  public static void register(EventBus bus) {
    for (Class<?> type : MESSAGE_TYPES) {
      registerOne(bus, type);
    }
  }

  /** The codec used for {@code type}; exposed so that tests can exercise the cluster encoding. */
  public static <T> MessageCodec<T, T> codecFor(Class<T> type) {
    return new JsonCodec<>(type);
  }

  private static <T> void registerOne(EventBus bus, Class<T> type) {
    bus.registerDefaultCodec(type, new JsonCodec<>(type));
  }
}
