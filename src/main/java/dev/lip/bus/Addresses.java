package dev.lip.bus;

/** Event-bus addresses. */
public final class Addresses {
  /** Where frontends send {@link Call}s. */
  public static final String ROUTER = "lip.router";
  /** Published with a request id when its client went away; every router and backend listens. */
  public static final String CANCEL = "lip.cancel";

  private static final String BACKEND_PREFIX = "lip.backend.";
  private static final String STREAM_PREFIX = "lip.stream.";

  private Addresses() {
  }

  /** Where the router sends {@link Dispatch}es for backend instance {@code name}. */
  public static String backend(String name) {
    return BACKEND_PREFIX + name;
  }

  /** Where a frontend sends {@link FlowControl} for streams served by backend instance {@code name}. */
  public static String flow(String name) {
    return BACKEND_PREFIX + name + ".flow";
  }

  /** The per-request address on which a frontend receives the answer events. */
  public static String stream(String requestId) {
    return STREAM_PREFIX + requestId;
  }
}
