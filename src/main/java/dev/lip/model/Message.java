package dev.lip.model;

import java.util.List;
import java.util.Objects;

/**
 * One turn of the conversation.
 *
 * @param name the optional participant name (OpenAI {@code name}), or {@code null}
 */
public record Message(Role role, List<Part> parts, String name) {
  public Message {
    Objects.requireNonNull(role, "role");
    parts = List.copyOf(parts);
  }

  public Message(Role role, List<Part> parts) {
    this(role, parts, null);
  }

  /** A message holding a single text part. */
  public static Message text(Role role, String text) {
    return new Message(role, List.of(Part.Text.of(text)));
  }

  /** The text parts of this message joined with newlines. */
  public String text() {
    StringBuilder sb = new StringBuilder();
    for (Part p : parts) {
      if (p instanceof Part.Text t) {
        if (!sb.isEmpty()) {
          sb.append('\n');
        }
        sb.append(t.text());
      }
    }
    return sb.toString();
  }
}
