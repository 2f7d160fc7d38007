package dev.lip.backend;

/** A running provider call. All methods are called on the backend verticle's event loop. */
public interface UpstreamCall {

  /** Stops reading the upstream answer for a while (the client is slow). */
  void pause();

  /** Reads again after {@link #pause()}. */
  void resume();

  /** Aborts the call and closes its upstream connection; no further event is delivered. */
  void cancel();
}
