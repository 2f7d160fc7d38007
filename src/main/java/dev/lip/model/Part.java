package dev.lip.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Objects;

/** One piece of a message's content. Every part may carry a {@link CacheControl} marker. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "part")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Part.Text.class, name = "text"),
  @JsonSubTypes.Type(value = Part.Image.class, name = "image"),
  @JsonSubTypes.Type(value = Part.ToolCall.class, name = "tool_call"),
  @JsonSubTypes.Type(value = Part.ToolResult.class, name = "tool_result"),
  @JsonSubTypes.Type(value = Part.Thinking.class, name = "thinking"),
  @JsonSubTypes.Type(value = Part.RedactedThinking.class, name = "redacted_thinking")
})
public sealed interface Part {

  /** The prompt-cache marker of this part, or {@code null}. */
  CacheControl cacheControl();

  /** Plain text. */
  record Text(String text, CacheControl cacheControl) implements Part {
    public Text {
      Objects.requireNonNull(text, "text");
    }

    public static Text of(String text) {
      return new Text(text, null);
    }
  }

  /**
   * An image given either by URL or by inline base64 data.
   *
   * @param url       an http(s) URL, or {@code null} when {@code data} is set
   * @param mediaType the MIME type of inline data (e.g. {@code image/png}), or {@code null}
   * @param data      base64 data without the {@code data:} prefix, or {@code null}
   * @param detail    the OpenAI {@code detail} hint, or {@code null}
   */
  record Image(String url, String mediaType, String data, String detail, CacheControl cacheControl)
      implements Part {
    public Image {
      if (url == null && data == null) {
        throw new IllegalArgumentException("an image needs a url or data");
      }
    }

    /** The image as a URL: the URL itself, or a {@code data:} URL for inline data. */
    public String asUrl() {
      return url != null ? url : "data:" + mediaType + ";base64," + data;
    }
  }

  /**
   * A call the assistant asks the client to run.
   *
   * @param arguments the arguments as JSON text, exactly as the model produced them
   * @param signature the provider's opaque signature of the call (Gemini {@code thoughtSignature}) that
   *                  must be sent back unchanged, or {@code null}
   */
  record ToolCall(String id, String name, String arguments, String signature, CacheControl cacheControl)
      implements Part {
    public ToolCall {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(name, "name");
      arguments = arguments == null || arguments.isEmpty() ? "{}" : arguments;
    }

    /** A call without a signature. */
    public ToolCall(String id, String name, String arguments, CacheControl cacheControl) {
      this(id, name, arguments, null, cacheControl);
    }
  }

  /**
   * The result of a tool call, sent back by the client.
   *
   * @param content text and image parts of the result
   * @param isError whether the tool reported a failure
   */
  record ToolResult(String callId, List<Part> content, boolean isError, CacheControl cacheControl)
      implements Part {
    public ToolResult {
      Objects.requireNonNull(callId, "callId");
      content = List.copyOf(content);
    }

    /** The text parts of the result joined with newlines. */
    public String text() {
      StringBuilder sb = new StringBuilder();
      for (Part p : content) {
        if (p instanceof Text t) {
          if (!sb.isEmpty()) {
            sb.append('\n');
          }
          sb.append(t.text());
        }
      }
      return sb.toString();
    }
  }

  /**
   * Model reasoning shown to the client.
   *
   * @param signature the provider's opaque signature that must be sent back unchanged, or {@code null}
   */
  record Thinking(String text, String signature, CacheControl cacheControl) implements Part {
    public Thinking {
      Objects.requireNonNull(text, "text");
    }
  }

  /** Reasoning the provider returned encrypted; opaque to everyone but that provider. */
  record RedactedThinking(String data, CacheControl cacheControl) implements Part {
    public RedactedThinking {
      Objects.requireNonNull(data, "data");
    }
  }
}
