package dev.lip.bus;

/** Names of the event-bus message headers that carry request-scoped ids. */
public final class Headers {
  public static final String REQUEST_ID = "request-id";
  public static final String SESSION_ID = "session-id";

  private Headers() {
  }
}
