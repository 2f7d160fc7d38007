package dev.lip.bus;

import dev.lip.model.ChatRequest;
import java.util.Map;
import java.util.Objects;

/**
 * A frontend asks the router to serve a request. There is no reply: everything about the request comes to
 * {@code streamAddress}, the frontend instance's stream address, as {@link StreamEvent}s carrying the
 * call's request id. That is the answer's events, from the
 * backend or from the router when the proxy answered by itself (an in-chat command), or a
 * {@link dev.lip.model.ChatEvent.Failed} from the router when nothing could start; a {@code Failed} before
 * any {@link dev.lip.model.ChatEvent.Started} means the request was refused before any output.
 *
 * @param requestId  the request's id, unique among the requests in flight
 * @param sessionKey the key of the client's session in the session store; {@code null} serves the request
 *                   in a fresh session of its own
 * @param door    the door the client used (e.g. {@code openai-chat}), for logs and metrics
 * @param headers client headers a provider of the door's dialect may need (e.g. {@code anthropic-beta}),
 *                lower-case names
 */
public record Call(String requestId, String sessionKey, String door, ChatRequest request,
    String streamAddress, Map<String, String> headers) {
  public Call {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(door, "door");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(streamAddress, "streamAddress");
    headers = Map.copyOf(headers);
  }
}
