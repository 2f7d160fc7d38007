package dev.lip.protocol.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.lip.model.ChatResponse;
import dev.lip.model.Part;
import dev.lip.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;

/** {@link ChatResponse} → {@code chat.completion} body; {@link ChatResponseDecoder} reads it back. */
final class ChatResponseCodec {
  private ChatResponseCodec() {
  }

  /**
   * The {@code chat.completion} body, written straight to JSON bytes (the answer path of every request, so
   * no tree in between): text parts concatenated into {@code content} ({@code null} when the answer is only
   * tool calls), thinking parts concatenated into {@code reasoning_content}.
   */
  static byte[] write(ChatResponse response, long createdEpochSeconds) {
    StringBuilder text = new StringBuilder();
    StringBuilder thinking = null;
    boolean calls = false;
    for (Part p : response.content()) {
      if (p instanceof Part.Text t) {
        text.append(t.text());
      } else if (p instanceof Part.Thinking th) {
        if (thinking == null) {
          thinking = new StringBuilder();
        }
        thinking.append(th.text());
      } else if (p instanceof Part.ToolCall) {
        calls = true;
      }
    }
    ByteArrayBuilder out = new ByteArrayBuilder(256);
    try (JsonGenerator json = Json.FACTORY.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("id", response.id());
      json.writeStringField("object", "chat.completion");
      json.writeNumberField("created", createdEpochSeconds);
      json.writeStringField("model", response.model());
      json.writeArrayFieldStart("choices");
      json.writeStartObject();
      json.writeNumberField("index", 0);
      json.writeObjectFieldStart("message");
      json.writeStringField("role", "assistant");
      if (calls && text.length() == 0) {
        json.writeNullField("content");
      } else {
        json.writeStringField("content", text.toString());
      }
      if (thinking != null) {
        json.writeStringField("reasoning_content", thinking.toString());
      }
      if (calls) {
        writeToolCalls(response, json);
      }
      json.writeNullField("refusal");
      json.writeEndObject();
      json.writeNullField("logprobs");
      json.writeStringField("finish_reason", FinishReasons.toOpenAi(response.stopReason()));
      json.writeEndObject();
      json.writeEndArray();
      json.writeFieldName("usage");
      UsageJson.write(response.usage(), json);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory does not fail", e);
    }
    return out.toByteArray();
  }

  private static void writeToolCalls(ChatResponse response, JsonGenerator json) throws IOException {
    json.writeArrayFieldStart("tool_calls");
    for (Part p : response.content()) {
      if (p instanceof Part.ToolCall c) {
        json.writeStartObject();
        json.writeStringField("id", c.id());
        json.writeStringField("type", "function");
        json.writeObjectFieldStart("function");
        json.writeStringField("name", c.name());
        json.writeStringField("arguments", c.arguments());
        json.writeEndObject();
        json.writeEndObject();
      }
    }
    json.writeEndArray();
  }
}
