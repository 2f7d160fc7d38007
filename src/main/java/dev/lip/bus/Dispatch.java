package dev.lip.bus;

import dev.lip.model.ChatRequest;
import java.util.Map;
import java.util.Objects;

/**
 * The router asks a backend to answer {@code request}, whose selector is now the provider's model name.
 * There is no reply: the backend sends a {@link DispatchOutcome} to {@code outcomeAddress} once the first
 * content arrived (after the stream's {@link dev.lip.model.ChatEvent.Started} event) or when it failed
 * before sending anything to the stream.
 *
 * @param sessionKey          the client's session key, for per-session limits; {@code null} for a
 *                            request that has no session of its own (an ephemeral one)
 * @param attempt             the router's attempt number for this request, echoed in the outcome so that
 *                            the outcome of an attempt the router gave up on is not taken for a later one
 * @param outcomeAddress      the sending router instance's {@link Addresses#dispatchOutcomes} address
 * @param deadlineEpochMillis the wall-clock instant after which the whole exchange must be over
 * @param headers             the client headers of the {@link Call}, for providers that forward some
 */
public record Dispatch(String requestId, String sessionKey, int attempt, ChatRequest request, String streamAddress,
    String outcomeAddress, long deadlineEpochMillis, Map<String, String> headers) {
  public Dispatch {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(streamAddress, "streamAddress");
    Objects.requireNonNull(outcomeAddress, "outcomeAddress");
    headers = Map.copyOf(headers);
  }

  /** This dispatch with another request (e.g. one a backend adapted for its provider). */
  public Dispatch withRequest(ChatRequest newRequest) {
    return new Dispatch(requestId, sessionKey, attempt, newRequest, streamAddress, outcomeAddress, deadlineEpochMillis,
        headers);
  }
}
