package dev.lip.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Objects;

/**
 * One event of an answer stream. A stream is {@link Started}, then content events, then exactly one
 * terminal event: {@link Finished} or {@link Failed}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "event")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ChatEvent.Started.class, name = "started"),
  @JsonSubTypes.Type(value = ChatEvent.TextDelta.class, name = "text"),
  @JsonSubTypes.Type(value = ChatEvent.ThinkingDelta.class, name = "thinking"),
  @JsonSubTypes.Type(value = ChatEvent.RedactedThinking.class, name = "redacted_thinking"),
  @JsonSubTypes.Type(value = ChatEvent.ToolCallStarted.class, name = "tool_call_started"),
  @JsonSubTypes.Type(value = ChatEvent.ToolCallDelta.class, name = "tool_call_delta"),
  @JsonSubTypes.Type(value = ChatEvent.ToolCallDone.class, name = "tool_call_done"),
  @JsonSubTypes.Type(value = ChatEvent.UsageReport.class, name = "usage"),
  @JsonSubTypes.Type(value = ChatEvent.Finished.class, name = "finished"),
  @JsonSubTypes.Type(value = ChatEvent.Failed.class, name = "failed")
})
public sealed interface ChatEvent {

  /** Whether this event ends the stream. */
  default boolean terminal() {
    return false;
  }

  /**
   * The answer has begun: the first content is on its way.
   *
   * @param id      the provider's response id (or one the proxy made up)
   * @param backend the backend instance that answers
   * @param model   the model that answers
   */
  record Started(String id, String backend, String model) implements ChatEvent {
    public Started {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(backend, "backend");
      Objects.requireNonNull(model, "model");
    }
  }

  /** A piece of answer text. */
  record TextDelta(String text) implements ChatEvent {
    public TextDelta {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * A piece of reasoning. A delta may carry text, a signature, or both.
   *
   * @param signature the signature of the thinking block (sent once, usually last), or {@code null}
   */
  record ThinkingDelta(String text, String signature) implements ChatEvent {
    public ThinkingDelta {
      Objects.requireNonNull(text, "text");
    }
  }

  /** A whole block of reasoning the provider returned encrypted; opaque to everyone but that provider. */
  record RedactedThinking(String data) implements ChatEvent {
    public RedactedThinking {
      Objects.requireNonNull(data, "data");
    }
  }

  /**
   * Tool call number {@code index} (0-based, in order of appearance in this answer) begins.
   *
   * @param signature the provider's opaque signature of the call (Gemini {@code thoughtSignature}), or
   *                  {@code null}
   */
  record ToolCallStarted(int index, String id, String name, String signature) implements ChatEvent {
    public ToolCallStarted {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(name, "name");
    }

    /** A call without a signature. */
    public ToolCallStarted(int index, String id, String name) {
      this(index, id, name, null);
    }
  }

  /** A fragment of the JSON arguments of tool call {@code index}. */
  record ToolCallDelta(int index, String argumentsFragment) implements ChatEvent {
    public ToolCallDelta {
      Objects.requireNonNull(argumentsFragment, "argumentsFragment");
    }
  }

  /** Tool call {@code index} is complete. */
  record ToolCallDone(int index) implements ChatEvent {
  }

  /** Token usage so far (cumulative; the last report wins). */
  record UsageReport(Usage usage) implements ChatEvent {
    public UsageReport {
      Objects.requireNonNull(usage, "usage");
    }
  }

  /** The answer ended normally. */
  record Finished(StopReason reason) implements ChatEvent {
    public Finished {
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public boolean terminal() {
      return true;
    }
  }

  /** The answer ended with an error. */
  record Failed(ProxyError error) implements ChatEvent {
    public Failed {
      Objects.requireNonNull(error, "error");
    }

    @Override
    public boolean terminal() {
      return true;
    }
  }
}
