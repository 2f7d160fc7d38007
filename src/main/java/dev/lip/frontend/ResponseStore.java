package dev.lip.frontend;

import dev.lip.model.Message;
import dev.lip.model.Part;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Recent Responses-API answers, so that a request naming {@code previous_response_id} continues that
 * conversation. An interface so that a cluster-wide store can replace the local one.
 */
public interface ResponseStore {

  /**
   * A stored conversation: everything the model saw and said up to and including one response.
   *
   * @param messages  the conversation, ending with the assistant's answer
   * @param sessionId the id of the session the conversation belongs to, which a request continuing it keeps
   */
  record Conversation(List<Part> system, List<Message> messages, String sessionId) {
    public Conversation {
      system = List.copyOf(system);
      messages = List.copyOf(messages);
      Objects.requireNonNull(sessionId, "sessionId");
    }
  }

  /** Remembers the conversation that ended with response {@code responseId}. */
  void put(String responseId, Conversation conversation);

  /** The conversation that ended with {@code responseId}, if still remembered. */
  Optional<Conversation> get(String responseId);
}
