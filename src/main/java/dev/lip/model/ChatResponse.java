package dev.lip.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A complete, non-streamed answer.
 *
 * @param content thinking, text and tool-call parts in the order the model produced them
 * @param usage   token usage, {@link Usage#ZERO} when the provider reported none
 */
public record ChatResponse(
    String id, String backend, String model, List<Part> content, StopReason stopReason, Usage usage) {

  public ChatResponse {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(model, "model");
    content = List.copyOf(content);
    Objects.requireNonNull(stopReason, "stopReason");
    Objects.requireNonNull(usage, "usage");
  }

  /** The answer text: all text parts concatenated. */
  public String text() {
    StringBuilder sb = new StringBuilder();
    for (Part p : content) {
      if (p instanceof Part.Text t) {
        sb.append(t.text());
      }
    }
    return sb.toString();
  }

  /** The tool calls of the answer, in order. */
  public List<Part.ToolCall> toolCalls() {
    List<Part.ToolCall> calls = new ArrayList<>();
    for (Part p : content) {
      if (p instanceof Part.ToolCall c) {
        calls.add(c);
      }
    }
    return calls;
  }

  /**
   * This answer as the event stream that would have produced it, from {@link ChatEvent.Started} to
   * {@link ChatEvent.Finished}: the one path by which every answer reaches a door.
   */
  public List<ChatEvent> toEvents() {
    List<ChatEvent> events = new ArrayList<>(content.size() + 4);
    events.add(new ChatEvent.Started(id, backend == null ? "" : backend, model));
    int toolIndex = 0;
    for (Part p : content) {
      if (p instanceof Part.Text t) {
        events.add(new ChatEvent.TextDelta(t.text()));
      } else if (p instanceof Part.Thinking th) {
        events.add(new ChatEvent.ThinkingDelta(th.text(), th.signature()));
      } else if (p instanceof Part.RedactedThinking r) {
        events.add(new ChatEvent.RedactedThinking(r.data()));
      } else if (p instanceof Part.ToolCall c) {
        events.add(new ChatEvent.ToolCallStarted(toolIndex, c.id(), c.name(), c.signature()));
        events.add(new ChatEvent.ToolCallDelta(toolIndex, c.arguments()));
        events.add(new ChatEvent.ToolCallDone(toolIndex));
        toolIndex++;
      }
    }
    if (!usage.isZero()) {
      events.add(new ChatEvent.UsageReport(usage));
    }
    events.add(new ChatEvent.Finished(stopReason));
    return events;
  }
}
