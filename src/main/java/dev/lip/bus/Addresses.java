package dev.lip.bus;

/** Event-bus addresses. */
public final class Addresses {
  /** Where frontends send {@link Call}s. */
  public static final String ROUTER = "lip.router";
  /** Published with a request id when its client went away; every router and backend listens. */
  public static final String CANCEL = "lip.cancel";
  /** Where frontends ask the router for the {@link ModelCatalog} of every backend. */
  public static final String MODELS = "lip.router.models";

  private static final String OUTCOMES_PREFIX = "lip.router.outcomes.";
  private static final String BACKEND_PREFIX = "lip.backend.";
  private static final String STREAM_PREFIX = "lip.stream.";

  private Addresses() {
  }

  /** Where router instance {@code routerId} receives the {@link DispatchOutcome}s of all its dispatches. */
  public static String dispatchOutcomes(String routerId) {
    return OUTCOMES_PREFIX + routerId;
  }

  /** Where the router sends {@link Dispatch}es for backend instance {@code name}. */
  public static String backend(String name) {
    return BACKEND_PREFIX + name;
  }

  /** Where a frontend publishes {@link FlowControl} for streams served by backend instance {@code name}. */
  public static String flow(String name) {
    return BACKEND_PREFIX + name + ".flow";
  }

  /** Where backend instance {@code name} answers with its {@link ModelCatalog}. */
  public static String models(String name) {
    return BACKEND_PREFIX + name + ".models";
  }

  /** Where backend instance {@code name} answers with its {@link BackendHealth}. */
  public static String health(String name) {
    return BACKEND_PREFIX + name + ".health";
  }

  /**
   * Where backend instance {@code name} takes a reactivation: its refused and cooling keys are put back
   * in use and its breaker closed; it answers with its {@link BackendHealth}.
   */
  public static String reactivate(String name) {
    return BACKEND_PREFIX + name + ".reactivate";
  }

  /** The address on which frontend instance {@code frontendId} receives the {@link StreamEvent}s of all its requests. */
  public static String stream(String frontendId) {
    return STREAM_PREFIX + frontendId;
  }
}
