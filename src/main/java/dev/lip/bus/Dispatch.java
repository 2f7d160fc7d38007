package dev.lip.bus;

import dev.lip.model.ChatRequest;
import java.util.Map;
import java.util.Objects;

/**
 * The router asks a backend to answer {@code request}, whose selector is now the provider's model name.
 *
 * <p>The reply is the stream's {@link dev.lip.model.ChatEvent.Started} event once the first content
 * arrived, or {@link CallOutcome.Rejected} when nothing was sent to the stream.
 *
 * @param deadlineEpochMillis the wall-clock instant after which the whole exchange must be over
 * @param headers             the client headers of the {@link Call}, for providers that forward some
 */
public record Dispatch(String requestId, ChatRequest request, String streamAddress, long deadlineEpochMillis,
    Map<String, String> headers) {
  public Dispatch {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(streamAddress, "streamAddress");
    headers = Map.copyOf(headers);
  }

  /** This dispatch with another request (e.g. one a backend adapted for its provider). */
  public Dispatch withRequest(ChatRequest newRequest) {
    return new Dispatch(requestId, newRequest, streamAddress, deadlineEpochMillis, headers);
  }
}
