package dev.lip.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds a stream of {@link ChatEvent}s into a {@link ChatResponse}. Not thread-safe: one per stream.
 *
 * <p>Consecutive text deltas form one text part, consecutive thinking deltas one thinking part; tool calls
 * are kept at the position where they started.
 */
public final class ResponseAccumulator {
  private final List<Object> parts = new ArrayList<>();
  private final Map<Integer, ToolCallBuilder> toolCalls = new HashMap<>();
  private String id = "";
  private String backend = "";
  private String model = "";
  private Usage usage = Usage.ZERO;
  private StopReason stopReason;
  private ProxyError error;

  /** Adds one event. */
  public void accept(ChatEvent event) {
    if (event instanceof ChatEvent.TextDelta t) {
      if (last() instanceof StringBuilder sb) {
        sb.append(t.text());
      } else {
        parts.add(new StringBuilder(t.text()));
      }
    } else if (event instanceof ChatEvent.ThinkingDelta t) {
      ThinkingBuilder tb;
      if (last() instanceof ThinkingBuilder b) {
        tb = b;
      } else {
        tb = new ThinkingBuilder();
        parts.add(tb);
      }
      tb.text.append(t.text());
      if (t.signature() != null) {
        tb.signature = t.signature();
      }
    } else if (event instanceof ChatEvent.RedactedThinking r) {
      parts.add(new Part.RedactedThinking(r.data(), null));
    } else if (event instanceof ChatEvent.ToolCallStarted s) {
      ToolCallBuilder b = new ToolCallBuilder(s.id(), s.name(), s.signature());
      toolCalls.put(s.index(), b);
      parts.add(b);
    } else if (event instanceof ChatEvent.ToolCallDelta d) {
      ToolCallBuilder b = toolCalls.get(d.index());
      if (b != null) {
        b.arguments.append(d.argumentsFragment());
      }
    } else if (event instanceof ChatEvent.UsageReport u) {
      usage = usage.merge(u.usage());
    } else if (event instanceof ChatEvent.Finished f) {
      stopReason = f.reason();
    } else if (event instanceof ChatEvent.Failed f) {
      error = f.error();
    } else if (event instanceof ChatEvent.Started s) {
      id = s.id();
      backend = s.backend();
      model = s.model();
    }
  }

  /** The error that ended the stream, or {@code null}. */
  public ProxyError error() {
    return error;
  }

  /** Whether a terminal event arrived. */
  public boolean complete() {
    return stopReason != null || error != null;
  }

  /** The folded answer; a stream that ended without a stop reason counts as a natural end. */
  public ChatResponse response() {
    List<Part> content = new ArrayList<>(parts.size());
    for (Object p : parts) {
      if (p instanceof StringBuilder sb) {
        content.add(Part.Text.of(sb.toString()));
      } else if (p instanceof ThinkingBuilder tb) {
        content.add(new Part.Thinking(tb.text.toString(), tb.signature, null));
      } else if (p instanceof Part.RedactedThinking r) {
        content.add(r);
      } else if (p instanceof ToolCallBuilder b) {
        content.add(new Part.ToolCall(b.id, b.name, b.arguments.toString(), b.signature, null));
      }
    }
    return new ChatResponse(id, backend, model, content,
        stopReason == null ? StopReason.END_TURN : stopReason, usage);
  }

  private Object last() {
    return parts.isEmpty() ? null : parts.get(parts.size() - 1);
  }

  private static final class ThinkingBuilder {
    final StringBuilder text = new StringBuilder();
    String signature;
  }

  private static final class ToolCallBuilder {
    final String id;
    final String name;
    final String signature;
    final StringBuilder arguments = new StringBuilder();

    ToolCallBuilder(String id, String name, String signature) {
      this.id = id;
      this.name = name;
      this.signature = signature;
    }
  }
}
