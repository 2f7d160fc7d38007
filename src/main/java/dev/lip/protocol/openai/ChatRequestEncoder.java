package dev.lip.protocol.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lip.model.ChatRequest;
import dev.lip.model.Message;
import dev.lip.model.Part;
import dev.lip.model.ResponseFormat;
import dev.lip.model.Sampling;
import dev.lip.model.ToolChoice;
import dev.lip.model.ToolDefinition;
import dev.lip.protocol.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link ChatRequest} → Chat Completions request body for an OpenAI-compatible upstream.
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
 * field the proxy set.
 */
final class ChatRequestEncoder {
  private ChatRequestEncoder() {
  }

  static ObjectNode encode(ChatRequest request, String model) {
    ObjectNode body = Json.NODES.objectNode();
    body.put("model", model);
    body.set("messages", messages(request));
    if (!request.tools().isEmpty()) {
      ArrayNode tools = body.putArray("tools");
      for (ToolDefinition tool : request.tools()) {
        tools.add(tool(tool));
      }
    }
    if (request.toolChoice() != null) {
      body.set("tool_choice", toolChoice(request.toolChoice(), request.tools()));
    }
    if (request.parallelToolCalls() != null) {
      body.put("parallel_tool_calls", request.parallelToolCalls());
    }
    sampling(body, request.sampling(), ModelFamilies.reasoning(model));
    if (request.responseFormat() != null) {
      body.set("response_format", responseFormat(request.responseFormat()));
    }
    if (request.reasoning().effort() != null && !ModelFamilies.classicChat(model)) {
      body.put("reasoning_effort", request.reasoning().effort());
    }
    if (request.user() != null) {
      body.put("user", request.user());
    }
    Map<String, JsonNode> passthrough = request.passthrough().fieldsFor(OpenAiChatDialect.NAME);
    JsonNode store = passthrough.get("store");
    if (!request.metadata().isEmpty() && store != null && store.asBoolean(false)) {
      ObjectNode metadata = body.putObject("metadata");
      new TreeMap<>(request.metadata()).forEach(metadata::put);
    }
    body.put("stream", request.stream());
    if (request.stream()) {
      body.putObject("stream_options").put("include_usage", true);
    }
    if (!passthrough.isEmpty()) {
      new TreeMap<>(passthrough).forEach(body::putIfAbsent);
    }
    return body;
  }

  private static void sampling(ObjectNode body, Sampling s, boolean reasoningModel) {
    if (s.temperature() != null && !reasoningModel) {
      body.put("temperature", s.temperature());
    }
    if (s.topP() != null && !reasoningModel) {
      body.put("top_p", s.topP());
    }
    if (s.maxTokens() != null) {
      body.put(reasoningModel ? "max_completion_tokens" : "max_tokens", s.maxTokens());
    }
    if (!s.stop().isEmpty()) {
      ArrayNode stop = body.putArray("stop");
      s.stop().forEach(stop::add);
    }
    if (s.seed() != null) {
      body.put("seed", s.seed());
    }
    if (s.presencePenalty() != null) {
      body.put("presence_penalty", s.presencePenalty());
    }
    if (s.frequencyPenalty() != null) {
      body.put("frequency_penalty", s.frequencyPenalty());
    }
  }

  private static ArrayNode messages(ChatRequest request) {
    ArrayNode out = Json.NODES.arrayNode(request.messages().size() + 1);
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
      out.addObject().put("role", "system").put("content", text.toString());
    }
    for (Message m : request.messages()) {
      message(m, request.tools(), out);
    }
    return out;
  }

  private static void message(Message m, List<ToolDefinition> tools, ArrayNode out) {
    List<Part> rest = new ArrayList<>(m.parts().size());
    for (Part p : m.parts()) {
      if (p instanceof Part.ToolResult r) {
        out.addObject().put("role", "tool").put("tool_call_id", r.callId()).set("content", content(r.content()));
      } else {
        rest.add(p);
      }
    }
    switch (m.role()) {
      case SYSTEM:
        if (!rest.isEmpty()) {
          named(out.addObject().put("role", "system"), m).set("content", content(rest));
        }
        break;
      case USER:
        if (!rest.isEmpty()) {
          named(out.addObject().put("role", "user"), m).set("content", content(rest));
        }
        break;
      case ASSISTANT:
        assistant(m, rest, tools, out);
        break;
      case TOOL:
        if (hasContent(rest)) {
          out.addObject().put("role", "user").set("content", content(rest));
        }
        break;
    }
  }

  private static void assistant(Message m, List<Part> parts, List<ToolDefinition> tools, ArrayNode out) {
    StringBuilder text = new StringBuilder();
    ArrayNode calls = null;
    for (Part p : parts) {
      if (p instanceof Part.Text t) {
        text.append(t.text());
      } else if (p instanceof Part.ToolCall c) {
        if (calls == null) {
          calls = Json.NODES.arrayNode();
        }
        calls.add(toolCall(c, tools));
      }
    }
    if (parts.isEmpty() && m.parts().size() > 0) {
      return;
    }
    ObjectNode msg = named(out.addObject().put("role", "assistant"), m);
    if (calls != null && text.length() == 0) {
      msg.putNull("content");
    } else {
      msg.put("content", text.toString());
    }
    if (calls != null) {
      msg.set("tool_calls", calls);
    }
  }

  private static ObjectNode toolCall(Part.ToolCall c, List<ToolDefinition> tools) {
    ObjectNode call = Json.NODES.objectNode().put("id", c.id());
    if (isCustom(c.name(), tools)) {
      call.put("type", "custom").putObject("custom").put("name", c.name()).put("input", c.arguments());
    } else {
      call.put("type", "function").putObject("function").put("name", c.name()).put("arguments", c.arguments());
    }
    return call;
  }

  private static ObjectNode named(ObjectNode msg, Message m) {
    if (m.name() != null) {
      msg.put("name", m.name());
    }
    return msg;
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
  private static JsonNode content(List<Part> parts) {
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
      for (Part p : parts) {
        if (p instanceof Part.Text t) {
          return Json.NODES.textNode(t.text());
        }
      }
      return Json.NODES.textNode("");
    }
    ArrayNode array = Json.NODES.arrayNode(parts.size());
    for (Part p : parts) {
      if (p instanceof Part.Text t) {
        array.addObject().put("type", "text").put("text", t.text());
      } else if (p instanceof Part.Image i) {
        ObjectNode url = array.addObject().put("type", "image_url").putObject("image_url").put("url", i.asUrl());
        if (i.detail() != null) {
          url.put("detail", i.detail());
        }
      }
    }
    return array;
  }

  private static ObjectNode tool(ToolDefinition tool) {
    ObjectNode out = Json.NODES.objectNode();
    boolean custom = tool.kind() == ToolDefinition.Kind.CUSTOM;
    ObjectNode def = out.put("type", custom ? "custom" : "function").putObject(custom ? "custom" : "function");
    def.put("name", tool.name());
    if (tool.description() != null) {
      def.put("description", tool.description());
    }
    if (tool.parameters() != null) {
      def.set(custom ? "format" : "parameters", tool.parameters());
    }
    if (tool.strict() != null && !custom) {
      def.put("strict", tool.strict());
    }
    return out;
  }

  private static JsonNode toolChoice(ToolChoice choice, List<ToolDefinition> tools) {
    switch (choice.mode()) {
      case AUTO:
        return Json.NODES.textNode("auto");
      case NONE:
        return Json.NODES.textNode("none");
      case REQUIRED:
        return Json.NODES.textNode("required");
      default:
        String type = isCustom(choice.name(), tools) ? "custom" : "function";
        ObjectNode out = Json.NODES.objectNode().put("type", type);
        out.putObject(type).put("name", choice.name());
        return out;
    }
  }

  private static ObjectNode responseFormat(ResponseFormat format) {
    ObjectNode out = Json.NODES.objectNode();
    switch (format.kind()) {
      case TEXT:
        return out.put("type", "text");
      case JSON_OBJECT:
        return out.put("type", "json_object");
      default:
        ObjectNode schema = out.put("type", "json_schema").putObject("json_schema");
        schema.put("name", format.name() != null ? format.name() : "response");
        if (format.schema() != null) {
          schema.set("schema", format.schema());
        }
        if (format.strict() != null) {
          schema.put("strict", format.strict());
        }
        return out;
    }
  }

  private static boolean isCustom(String name, List<ToolDefinition> tools) {
    for (ToolDefinition t : tools) {
      if (t.kind() == ToolDefinition.Kind.CUSTOM && t.name().equals(name)) {
        return true;
      }
    }
    return false;
  }
}
