package dev.lip.protocol.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lip.model.ChatRequest;
import dev.lip.model.Message;
import dev.lip.model.Part;
import dev.lip.model.ResponseFormat;
import dev.lip.model.Sampling;
import dev.lip.model.ToolChoice;
import dev.lip.model.ToolDefinition;
import dev.lip.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@link ChatRequest} → Chat Completions request body for an OpenAI-compatible upstream, written straight
 * to JSON bytes (every request to such a backend goes through here, so no tree in between).
 *
 * <p>Lossy by necessity, and on purpose:
 * <ul>
 *   <li>thinking parts are not sent back: Chat Completions has no input field for reasoning;</li>
 *   <li>system parts become one leading {@code system} message, their texts joined with a blank line;</li>
 *   <li>tool results become one {@code role:tool} message each, emitted before the rest of the message
 *       they came in; {@code isError} has no field and is dropped;</li>
 *   <li>{@code top_k}, reasoning budgets and cache-control markers have no field and are dropped;</li>
 *   <li>{@code metadata} is only sent with {@code store: true} (OpenAI refuses it otherwise);</li>
 *   <li>the token limit is sent as {@code max_tokens}, which every OpenAI-compatible server knows, except
 *       to OpenAI reasoning models (o-series, gpt-5), which get {@code max_completion_tokens} and no
 *       temperature or top_p, which they refuse; OpenAI's classic chat models (gpt-4o…) get no
 *       {@code reasoning_effort} ({@link ModelFamilies});</li>
 *   <li>a JSON schema without a name is sent under the name {@code response} (OpenAI requires one).</li>
 * </ul>
 * Tool calls and tool choices that name a {@link ToolDefinition.Kind#CUSTOM} tool of the request use the
 * {@code custom} shape, all others the {@code function} shape.
 * Fields are written in a fixed order; passthrough fields follow, sorted by name, and never replace a
 * field the proxy set (but do fill in one it left out, e.g. {@code temperature} for a reasoning model).
 */
final class ChatRequestEncoder {
  private final JsonGenerator json;
  private final List<ToolDefinition> tools;
  private final Map<String, JsonNode> passthrough;
  /**
   * The top-level names written so far, whose passthrough fields are left out; {@code null} when there
   * are none, so that the common request keeps no set.
   */
  private final Set<String> written;

  private ChatRequestEncoder(JsonGenerator json, ChatRequest request) {
    this.json = json;
    this.tools = request.tools();
    this.passthrough = request.passthrough().fieldsFor(OpenAiChatDialect.NAME);
    this.written = passthrough.isEmpty() ? null : new HashSet<>();
  }

  /** The request body for {@code request} addressed to {@code model}, as compact UTF-8 JSON. */
  static byte[] write(ChatRequest request, String model) {
    ByteArrayBuilder out = new ByteArrayBuilder(1024);
    try (JsonGenerator json = Json.FACTORY.createGenerator(out)) {
      new ChatRequestEncoder(json, request).body(request, model);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory does not fail", e);
    }
    return out.toByteArray();
  }

  private void body(ChatRequest request, String model) throws IOException {
    json.writeStartObject();
    field("model");
    json.writeString(model);
    field("messages");
    messages(request);
    if (!tools.isEmpty()) {
      field("tools");
      json.writeStartArray();
      for (ToolDefinition tool : tools) {
        tool(tool);
      }
      json.writeEndArray();
    }
    if (request.toolChoice() != null) {
      field("tool_choice");
      toolChoice(request.toolChoice());
    }
    if (request.parallelToolCalls() != null) {
      field("parallel_tool_calls");
      json.writeBoolean(request.parallelToolCalls());
    }
    sampling(request.sampling(), ModelFamilies.reasoning(model));
    if (request.responseFormat() != null) {
      field("response_format");
      responseFormat(request.responseFormat());
    }
    if (request.reasoning().effort() != null && !ModelFamilies.classicChat(model)) {
      field("reasoning_effort");
      json.writeString(request.reasoning().effort());
    }
    if (request.user() != null) {
      field("user");
      json.writeString(request.user());
    }
    JsonNode store = passthrough.get("store");
    if (!request.metadata().isEmpty() && store != null && store.asBoolean(false)) {
      field("metadata");
      json.writeStartObject();
      for (Map.Entry<String, String> e : new TreeMap<>(request.metadata()).entrySet()) {
        json.writeStringField(e.getKey(), e.getValue());
      }
      json.writeEndObject();
    }
    field("stream");
    json.writeBoolean(request.stream());
    if (request.stream()) {
      field("stream_options");
      json.writeStartObject();
      json.writeBooleanField("include_usage", true);
      json.writeEndObject();
    }
    if (written != null) {
      for (Map.Entry<String, JsonNode> e : new TreeMap<>(passthrough).entrySet()) {
        if (!written.contains(e.getKey())) {
          json.writeFieldName(e.getKey());
          json.writeTree(e.getValue());
        }
      }
    }
    json.writeEndObject();
  }

  /** Starts a top-level field the proxy sets. */
  private void field(String name) throws IOException {
    if (written != null) {
      written.add(name);
    }
    json.writeFieldName(name);
  }

  private void sampling(Sampling s, boolean reasoningModel) throws IOException {
    if (s.temperature() != null && !reasoningModel) {
      field("temperature");
      json.writeNumber(s.temperature());
    }
    if (s.topP() != null && !reasoningModel) {
      field("top_p");
      json.writeNumber(s.topP());
    }
    if (s.maxTokens() != null) {
      field(reasoningModel ? "max_completion_tokens" : "max_tokens");
      json.writeNumber(s.maxTokens());
    }
    if (!s.stop().isEmpty()) {
      field("stop");
      json.writeStartArray();
      for (String stop : s.stop()) {
        json.writeString(stop);
      }
      json.writeEndArray();
    }
    if (s.seed() != null) {
      field("seed");
      json.writeNumber(s.seed());
    }
    if (s.presencePenalty() != null) {
      field("presence_penalty");
      json.writeNumber(s.presencePenalty());
    }
    if (s.frequencyPenalty() != null) {
      field("frequency_penalty");
      json.writeNumber(s.frequencyPenalty());
    }
  }

  private void messages(ChatRequest request) throws IOException {
    json.writeStartArray();
    if (!request.system().isEmpty()) {
      StringBuilder text = new StringBuilder();
      for (Part p : request.system()) {
        if (p instanceof Part.Text t) {
          if (text.length() > 0) {
            text.append("\n\n");
          }
          text.append(t.text());
        }
      }
      json.writeStartObject();
      json.writeStringField("role", "system");
      json.writeStringField("content", text.toString());
      json.writeEndObject();
    }
    for (Message m : request.messages()) {
      message(m);
    }
    json.writeEndArray();
  }

  private void message(Message m) throws IOException {
    List<Part> rest = new ArrayList<>(m.parts().size());
    for (Part p : m.parts()) {
      if (p instanceof Part.ToolResult r) {
        json.writeStartObject();
        json.writeStringField("role", "tool");
        json.writeStringField("tool_call_id", r.callId());
        json.writeFieldName("content");
        content(r.content());
        json.writeEndObject();
      } else {
        rest.add(p);
      }
    }
    switch (m.role()) {
      case SYSTEM:
        if (!rest.isEmpty()) {
          plain("system", m.name(), rest);
        }
        break;
      case USER:
        if (!rest.isEmpty()) {
          plain("user", m.name(), rest);
        }
        break;
      case ASSISTANT:
        assistant(m, rest);
        break;
      case TOOL:
        if (hasContent(rest)) {
          plain("user", null, rest);
        }
        break;
    }
  }

  /** A message of {@code role} with {@code name} (when not {@code null}) and {@code parts} as content. */
  private void plain(String role, String name, List<Part> parts) throws IOException {
    json.writeStartObject();
    json.writeStringField("role", role);
    if (name != null) {
      json.writeStringField("name", name);
    }
    json.writeFieldName("content");
    content(parts);
    json.writeEndObject();
  }

  private void assistant(Message m, List<Part> parts) throws IOException {
    if (parts.isEmpty() && !m.parts().isEmpty()) {
      return; // only tool results, already written
    }
    StringBuilder text = new StringBuilder();
    boolean calls = false;
    for (Part p : parts) {
      if (p instanceof Part.Text t) {
        text.append(t.text());
      } else if (p instanceof Part.ToolCall) {
        calls = true;
      }
    }
    json.writeStartObject();
    json.writeStringField("role", "assistant");
    if (m.name() != null) {
      json.writeStringField("name", m.name());
    }
    if (calls && text.length() == 0) {
      json.writeNullField("content");
    } else {
      json.writeStringField("content", text.toString());
    }
    if (calls) {
      json.writeArrayFieldStart("tool_calls");
      for (Part p : parts) {
        if (p instanceof Part.ToolCall c) {
          toolCall(c);
        }
      }
      json.writeEndArray();
    }
    json.writeEndObject();
  }

  private void toolCall(Part.ToolCall c) throws IOException {
    boolean custom = isCustom(c.name());
    json.writeStartObject();
    json.writeStringField("id", c.id());
    json.writeStringField("type", custom ? "custom" : "function");
    json.writeObjectFieldStart(custom ? "custom" : "function");
    json.writeStringField("name", c.name());
    json.writeStringField(custom ? "input" : "arguments", c.arguments());
    json.writeEndObject();
    json.writeEndObject();
  }

  private static boolean hasContent(List<Part> parts) {
    for (Part p : parts) {
      if (p instanceof Part.Text || p instanceof Part.Image) {
        return true;
      }
    }
    return false;
  }

  /** Text only: one string. With images: the array form. Other part kinds have no place here. */
  private void content(List<Part> parts) throws IOException {
    boolean images = false;
    int texts = 0;
    for (Part p : parts) {
      if (p instanceof Part.Image) {
        images = true;
      } else if (p instanceof Part.Text) {
        texts++;
      }
    }
    if (!images && texts <= 1) {
      json.writeString(firstText(parts));
      return;
    }
    json.writeStartArray();
    for (Part p : parts) {
      if (p instanceof Part.Text t) {
        json.writeStartObject();
        json.writeStringField("type", "text");
        json.writeStringField("text", t.text());
        json.writeEndObject();
      } else if (p instanceof Part.Image i) {
        json.writeStartObject();
        json.writeStringField("type", "image_url");
        json.writeObjectFieldStart("image_url");
        json.writeStringField("url", i.asUrl());
        if (i.detail() != null) {
          json.writeStringField("detail", i.detail());
        }
        json.writeEndObject();
        json.writeEndObject();
      }
    }
    json.writeEndArray();
  }

  private static String firstText(List<Part> parts) {
    for (Part p : parts) {
      if (p instanceof Part.Text t) {
        return t.text();
      }
    }
    return "";
  }

  private void tool(ToolDefinition tool) throws IOException {
    boolean custom = tool.kind() == ToolDefinition.Kind.CUSTOM;
    json.writeStartObject();
    json.writeStringField("type", custom ? "custom" : "function");
    json.writeObjectFieldStart(custom ? "custom" : "function");
    json.writeStringField("name", tool.name());
    if (tool.description() != null) {
      json.writeStringField("description", tool.description());
    }
    if (tool.parameters() != null) {
      json.writeFieldName(custom ? "format" : "parameters");
      json.writeTree(tool.parameters());
    }
    if (tool.strict() != null && !custom) {
      json.writeBooleanField("strict", tool.strict());
    }
    json.writeEndObject();
    json.writeEndObject();
  }

  private void toolChoice(ToolChoice choice) throws IOException {
    switch (choice.mode()) {
      case AUTO:
        json.writeString("auto");
        break;
      case NONE:
        json.writeString("none");
        break;
      case REQUIRED:
        json.writeString("required");
        break;
      default:
        String type = isCustom(choice.name()) ? "custom" : "function";
        json.writeStartObject();
        json.writeStringField("type", type);
        json.writeObjectFieldStart(type);
        json.writeStringField("name", choice.name());
        json.writeEndObject();
        json.writeEndObject();
    }
  }

  private void responseFormat(ResponseFormat format) throws IOException {
    json.writeStartObject();
    switch (format.kind()) {
      case TEXT:
        json.writeStringField("type", "text");
        break;
      case JSON_OBJECT:
        json.writeStringField("type", "json_object");
        break;
      default:
        json.writeStringField("type", "json_schema");
        json.writeObjectFieldStart("json_schema");
        json.writeStringField("name", format.name() != null ? format.name() : "response");
        if (format.schema() != null) {
          json.writeFieldName("schema");
          json.writeTree(format.schema());
        }
        if (format.strict() != null) {
          json.writeBooleanField("strict", format.strict());
        }
        json.writeEndObject();
    }
    json.writeEndObject();
  }

  private boolean isCustom(String name) {
    for (ToolDefinition t : tools) {
      if (t.kind() == ToolDefinition.Kind.CUSTOM && t.name().equals(name)) {
        return true;
      }
    }
    return false;
  }
}
