package dev.lip.bus;

import dev.lip.model.ProxyError;
import java.util.Objects;

/**
 * How attempt {@code attempt} of {@link Dispatch} {@code requestId} went, sent by the backend to the
 * dispatch's outcome address: it started answering (its events flow on the stream address), or it failed
 * before anything reached the stream, so that the router may try another target.
 *
 * @param error why nothing started; {@code null} when the backend started answering
 */
public record DispatchOutcome(String requestId, int attempt, ProxyError error) {
  public DispatchOutcome {
    Objects.requireNonNull(requestId, "requestId");
  }

  /** The backend started answering {@code dispatch}. */
  public static DispatchOutcome started(Dispatch dispatch) {
    return new DispatchOutcome(dispatch.requestId(), dispatch.attempt(), null);
  }

  /** Nothing of {@code dispatch} reached the stream, because of {@code error}. */
  public static DispatchOutcome rejected(Dispatch dispatch, ProxyError error) {
    return new DispatchOutcome(dispatch.requestId(), dispatch.attempt(), Objects.requireNonNull(error, "error"));
  }

  /** Whether the backend started answering. */
  public boolean started() {
    return error == null;
  }
}
