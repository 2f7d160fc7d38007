package dev.lip.protocol.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.lip.model.ChatEvent;
import dev.lip.model.ChatRequest;
import dev.lip.model.Usage;
import dev.lip.protocol.Json;
import dev.lip.protocol.StreamEncoder;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.UUID;

/**
 * Canonical events → {@code chat.completion.chunk} SSE frames.
 *
 * <p>The constant head of every chunk ({@code id}, {@code object}, {@code created}, {@code model}) is
 * serialised once, from the {@link ChatEvent.Started} event (or, failing that, a made-up id and the request
 * model); each delta is then written by one long-lived {@link JsonGenerator} into a reused buffer. The first
 * chunk carries {@code delta.role}. {@link ChatEvent.Finished} yields the finish chunk, then the usage chunk
 * when the client asked for {@code include_usage} (all zeros if no usage was reported), then
 * {@code [DONE]}; {@link ChatEvent.Failed} yields an OpenAI error payload, then {@code [DONE]}.
 */
final class ChatStreamEncoder implements StreamEncoder {
  private static final String CHOICE_OPEN = ",\"choices\":[{\"index\":0,\"delta\":";
  private static final String CHOICE_CLOSE = ",\"logprobs\":null,\"finish_reason\":";
  private static final String DONE = "data: [DONE]\n\n";

  private final ChatRequest request;
  private final long created;
  private final StringBuilderWriter out = new StringBuilderWriter();
  private final JsonGenerator json;
  private String head;
  private boolean roleSent;
  private Usage usage = Usage.ZERO;
  private boolean ended;

  ChatStreamEncoder(ChatRequest request, long createdEpochSeconds) {
    this.request = request;
    this.created = createdEpochSeconds;
    try {
      this.json = Json.FACTORY.createGenerator(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    json.setRootValueSeparator(null);
  }

  @Override
  public String encode(ChatEvent event) {
    if (ended) {
      return "";
    }
    try {
      return render(event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String render(ChatEvent event) throws IOException {
    if (event instanceof ChatEvent.TextDelta t) {
      if (t.text().isEmpty()) {
        return "";
      }
      startDelta().writeStringField("content", t.text());
      return endDelta(null);
    } else if (event instanceof ChatEvent.ThinkingDelta t) {
      if (t.text().isEmpty()) {
        return "";
      }
      startDelta().writeStringField("reasoning_content", t.text());
      return endDelta(null);
    } else if (event instanceof ChatEvent.ToolCallStarted s) {
      startToolCall(s.index()).writeStringField("id", s.id());
      json.writeStringField("type", "function");
      json.writeObjectFieldStart("function");
      json.writeStringField("name", s.name());
      json.writeStringField("arguments", "");
      return endToolCall();
    } else if (event instanceof ChatEvent.ToolCallDelta d) {
      startToolCall(d.index()).writeObjectFieldStart("function");
      json.writeStringField("arguments", d.argumentsFragment());
      return endToolCall();
    } else if (event instanceof ChatEvent.UsageReport u) {
      usage = usage.merge(u.usage());
      return "";
    } else if (event instanceof ChatEvent.Finished f) {
      startDelta();
      String frames = endDelta(FinishReasons.toOpenAi(f.reason()));
      if (request.includeUsage()) {
        frames += usageFrame();
      }
      return end(frames + DONE);
    } else if (event instanceof ChatEvent.Failed f) {
      out.builder.setLength(0);
      out.builder.append("data: ");
      json.writeTree(Errors.body(f.error()));
      json.flush();
      return end(out.builder.append("\n\n").append(DONE).toString());
    } else if (event instanceof ChatEvent.Started s) {
      head = head(s.id(), s.model().isEmpty() ? request.selector() : s.model());
    }
    return "";
  }

  /** Opens a chunk and its delta object, with the role on the first chunk. */
  private JsonGenerator startDelta() throws IOException {
    if (head == null) {
      head = head("chatcmpl-" + UUID.randomUUID().toString().replace("-", ""), request.selector());
    }
    out.builder.setLength(0);
    out.builder.append("data: ").append(head).append(CHOICE_OPEN);
    json.writeStartObject();
    if (!roleSent) {
      json.writeStringField("role", "assistant");
      roleSent = true;
    }
    return json;
  }

  /** Closes the delta object and the chunk; {@code finishReason} may be null. */
  private String endDelta(String finishReason) throws IOException {
    json.writeEndObject();
    json.flush();
    out.builder.append(CHOICE_CLOSE);
    if (finishReason == null) {
      out.builder.append("null");
    } else {
      out.builder.append('"').append(finishReason).append('"');
    }
    return out.builder.append("}]}\n\n").toString();
  }

  private JsonGenerator startToolCall(int index) throws IOException {
    startDelta().writeArrayFieldStart("tool_calls");
    json.writeStartObject();
    json.writeNumberField("index", index);
    return json;
  }

  private String endToolCall() throws IOException {
    json.writeEndObject();
    json.writeEndObject();
    json.writeEndArray();
    return endDelta(null);
  }

  private String usageFrame() throws IOException {
    out.builder.setLength(0);
    out.builder.append("data: ").append(head).append(",\"choices\":[],\"usage\":");
    UsageJson.write(usage, json);
    json.flush();
    return out.builder.append("}\n\n").toString();
  }

  private String end(String frames) throws IOException {
    ended = true;
    json.close();
    return frames;
  }

  /** {@code {"id":…,"object":"chat.completion.chunk","created":…,"model":…} without its closing brace. */
  private String head(String id, String model) throws IOException {
    StringWriter sw = new StringWriter(96);
    try (JsonGenerator g = Json.FACTORY.createGenerator(sw)) {
      g.writeStartObject();
      g.writeStringField("id", id);
      g.writeStringField("object", "chat.completion.chunk");
      g.writeNumberField("created", created);
      g.writeStringField("model", model);
      g.writeEndObject();
    }
    return sw.getBuffer().substring(0, sw.getBuffer().length() - 1);
  }
}
