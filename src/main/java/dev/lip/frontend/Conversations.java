package dev.lip.frontend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lip.model.ChatRequest;
import dev.lip.model.ChatResponse;
import dev.lip.model.Message;
import dev.lip.model.Role;
import dev.lip.protocol.InvalidRequestException;
import dev.lip.protocol.responses.ResponsesDialect;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Responses door's memory: remembers each answered conversation under the response id the client
 * saw (unless the client said {@code store: false}), and resumes it for a request that names it in
 * {@code previous_response_id}. As in OpenAI's API, instructions are not carried over; the session is. The
 * id stays in the request so that the answer echoes it; the Responses wire encoder never sends it upstream.
 */
final class Conversations {
  private static final String PREVIOUS = "previous_response_id";

  private final ResponseStore store;

  Conversations(ResponseStore store) {
    this.store = store;
  }

  /** A {@link Door.Adapter}: the stored conversation, then the new input. */
  ChatRequest resume(RoutingContext rc, ChatRequest request) {
    Map<String, JsonNode> fields = request.passthrough().fieldsFor(ResponsesDialect.NAME);
    JsonNode previous = fields.get(PREVIOUS);
    if (previous == null || previous.isNull()) {
      return request;
    }
    if (!previous.isTextual()) {
      throw new InvalidRequestException("previous_response_id must be a string", PREVIOUS);
    }
    ResponseStore.Conversation conversation = store.get(previous.textValue())
        .orElseThrow(() -> new InvalidRequestException(
            "Previous response with id '" + previous.textValue() + "' not found.", PREVIOUS));
    List<Message> messages = new ArrayList<>(conversation.messages());
    messages.addAll(request.messages());
    return request.withMessages(messages);
  }

  /** The id of the session that the stored response {@code responseId} belongs to, if still remembered. */
  Optional<String> sessionOf(String responseId) {
    return store.get(responseId).map(ResponseStore.Conversation::sessionId);
  }

  /** A {@link Door.Listener}: remembers the conversation that ended with {@code response} and its session. */
  void remember(ChatRequest request, ChatResponse response, SessionKeys.SessionKey session) {
    JsonNode storeFlag = request.passthrough().fieldsFor(ResponsesDialect.NAME).get("store");
    if (storeFlag != null && storeFlag.isBoolean() && !storeFlag.booleanValue()) {
      return;
    }
    List<Message> messages = new ArrayList<>(request.messages());
    messages.add(new Message(Role.ASSISTANT, response.content()));
    store.put(ResponsesDialect.responseId(response),
        new ResponseStore.Conversation(request.system(), messages, session.id()));
  }
}
