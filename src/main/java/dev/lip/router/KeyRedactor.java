package dev.lip.router;

import dev.lip.model.ChatRequest;
import dev.lip.model.Message;
import dev.lip.model.Part;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Replaces the proxy's known secrets (backend and client API keys) found in what a request sends a
 * model: system prompt, message text and tool results. A user who pastes a config file or a tool that
 * prints the environment then does not hand the keys to a provider.
 */
final class KeyRedactor {
  static final String REDACTED = "(API_KEY_HAS_BEEN_REDACTED)";
  /** Shorter values are too likely to occur in ordinary text to be replaced. */
  private static final int MIN_KEY_LENGTH = 8;

  private final List<String> keys;

  /** @param keys the secrets to look for */
  KeyRedactor(Collection<String> keys) {
    LinkedHashSet<String> usable = new LinkedHashSet<>();
    for (String key : keys) {
      if (key != null && key.length() >= MIN_KEY_LENGTH) {
        usable.add(key);
      }
    }
    List<String> ordered = new ArrayList<>(usable);
    // A key that contains another must be replaced first.
    ordered.sort(Comparator.comparingInt(String::length).reversed());
    this.keys = List.copyOf(ordered);
  }

  /** {@code request} without the known keys; the same instance when it holds none. */
  ChatRequest redact(ChatRequest request) {
    if (keys.isEmpty()) {
      return request;
    }
    List<Part> system = parts(request.system());
    List<Message> messages = null;
    for (int i = 0; i < request.messages().size(); i++) {
      Message message = request.messages().get(i);
      List<Part> parts = parts(message.parts());
      if (parts != message.parts()) {
        if (messages == null) {
          messages = new ArrayList<>(request.messages());
        }
        messages.set(i, new Message(message.role(), parts, message.name()));
      }
    }
    if (system == request.system() && messages == null) {
      return request;
    }
    return request.withSystem(system).withMessages(messages == null ? request.messages() : messages);
  }

  private List<Part> parts(List<Part> parts) {
    List<Part> result = null;
    for (int i = 0; i < parts.size(); i++) {
      Part part = parts.get(i);
      Part clean = part;
      if (part instanceof Part.Text text) {
        String redacted = text(text.text());
        clean = redacted == text.text() ? part : new Part.Text(redacted, text.cacheControl());
      } else if (part instanceof Part.ToolResult toolResult) {
        List<Part> content = parts(toolResult.content());
        clean = content == toolResult.content() ? part
            : new Part.ToolResult(toolResult.callId(), content, toolResult.isError(), toolResult.cacheControl());
      }
      if (clean != part) {
        if (result == null) {
          result = new ArrayList<>(parts);
        }
        result.set(i, clean);
      }
    }
    return result == null ? parts : result;
  }

  private String text(String text) {
    String result = text;
    for (String key : keys) {
      if (result.contains(key)) {
        result = result.replace(key, REDACTED);
      }
    }
    return result;
  }
}
