package dev.lip.protocol.responses;

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
import dev.lip.protocol.openai.ModelFamilies;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@link ChatRequest} → Responses request body for a Responses upstream; the inverse of
 * {@link RequestDecoder}.
 *
 * <ul>
 *   <li>System parts become {@code instructions}, their texts joined with a blank line;
 *       {@link dev.lip.model.Role#SYSTEM} messages later in the conversation become {@code developer}
 *       message items.</li>
 *   <li>An assistant message becomes, in part order: a {@code reasoning} item per thinking part that carries
 *       a signature ({@code summary} = its text, {@code encrypted_content} = the signature) or per redacted
 *       thinking part; one {@code message} item per run of text parts; one {@code function_call} (or
 *       {@code custom_tool_call}, when the request defines a custom tool of that name) per tool call.
 *       Thinking without a signature is dropped: a Responses backend cannot take foreign reasoning back.
 *       Item ids are never sent (as Codex does with {@code store:false}).</li>
 *   <li>Tool results become {@code function_call_output} (or {@code custom_tool_call_output}) items, placed
 *       after the call they answer even when the conversation had them earlier.</li>
 *   <li>Custom tools' grammar formats are flattened back into the Responses shape.</li>
 *   <li>{@code top_k}, stop sequences, seed, penalties, budgets and cache-control markers have no field and
 *       are dropped; the token limit is {@code max_output_tokens}.</li>
 *   <li>Passthrough fields of this dialect are copied verbatim after the proxy's fields and never replace
 *       one, except that built-in {@code tools} are appended to the proxy's tools and the members of
 *       passthrough {@code text} / {@code reasoning} fill the members the proxy did not set.</li>
 * </ul>
 */
final class RequestEncoder {
  private RequestEncoder() {
  }

  static ObjectNode encode(ChatRequest request, String model) {
    Map<String, JsonNode> passthrough = new HashMap<>(request.passthrough().fieldsFor(ResponsesDialect.NAME));
    ObjectNode body = Json.NODES.objectNode();
    body.put("model", model);
    String instructions = systemText(request.system());
    if (!instructions.isEmpty()) {
      body.put("instructions", instructions);
    }
    body.set("input", input(request));
    // The proxy resolves previous_response_id from its own store; the id means nothing upstream.
    passthrough.remove("previous_response_id");
    JsonNode builtIn = passthrough.remove("tools");
    if (!request.tools().isEmpty() || builtIn != null) {
      ArrayNode tools = body.putArray("tools");
      for (ToolDefinition tool : request.tools()) {
        tools.add(tool(tool));
      }
      if (builtIn != null && builtIn.isArray()) {
        tools.addAll((ArrayNode) builtIn);
      }
    }
    if (request.toolChoice() != null) {
      body.set("tool_choice", toolChoice(request.toolChoice(), request.tools()));
    }
    if (request.parallelToolCalls() != null) {
      body.put("parallel_tool_calls", request.parallelToolCalls());
    }
    sampling(body, request.sampling(), ModelFamilies.reasoning(model));
    ObjectNode reasoning = reasoning(request, passthrough.remove("reasoning"));
    if (reasoning != null) {
      body.set("reasoning", reasoning);
    }
    ObjectNode text = text(request.responseFormat(), passthrough.remove("text"));
    if (text != null) {
      body.set("text", text);
    }
    if (request.user() != null) {
      body.put("user", request.user());
    }
    if (!request.metadata().isEmpty()) {
      ObjectNode metadata = body.putObject("metadata");
      new TreeMap<>(request.metadata()).forEach(metadata::put);
    }
    body.put("stream", request.stream());
    new TreeMap<>(passthrough).forEach(body::putIfAbsent);
    return body;
  }

  static String systemText(List<Part> system) {
    StringBuilder text = new StringBuilder();
    for (Part p : system) {
      if (p instanceof Part.Text t) {
        if (text.length() > 0) {
          text.append("\n\n");
        }
        text.append(t.text());
      }
    }
    return text.toString();
  }

  /** Sampling parameters; OpenAI reasoning models refuse temperature and top_p, so they get none. */
  private static void sampling(ObjectNode body, Sampling s, boolean reasoningModel) {
    if (s.temperature() != null && !reasoningModel) {
      body.put("temperature", s.temperature());
    }
    if (s.topP() != null && !reasoningModel) {
      body.put("top_p", s.topP());
    }
    if (s.maxTokens() != null) {
      body.put("max_output_tokens", s.maxTokens());
    }
  }

  // ---- input ----

  private static ArrayNode input(ChatRequest request) {
    Set<String> customCalls = new HashSet<>();
    Set<String> allCalls = new HashSet<>();
    for (Message m : request.messages()) {
      for (Part p : m.parts()) {
        if (p instanceof Part.ToolCall c) {
          allCalls.add(c.id());
          if (isCustom(c.name(), request.tools())) {
            customCalls.add(c.id());
          }
        }
      }
    }
    Items items = new Items(allCalls);
    for (Message m : request.messages()) {
      message(m, request.tools(), customCalls, items);
    }
    return items.finish();
  }

  /**
   * The input items, holding back a tool output whose call comes later in the conversation until right
   * after that call (the Responses API refuses an output before its call).
   */
  private static final class Items {
    final ArrayNode out = Json.NODES.arrayNode();
    final Set<String> pendingCalls;
    final Map<String, List<ObjectNode>> heldOutputs = new HashMap<>();

    Items(Set<String> calls) {
      this.pendingCalls = new HashSet<>(calls);
    }

    void call(String callId, ObjectNode item) {
      out.add(item);
      pendingCalls.remove(callId);
      List<ObjectNode> held = heldOutputs.remove(callId);
      if (held != null) {
        held.forEach(out::add);
      }
    }

    void output(String callId, ObjectNode item) {
      if (pendingCalls.contains(callId)) {
        heldOutputs.computeIfAbsent(callId, k -> new ArrayList<>()).add(item);
      } else {
        out.add(item);
      }
    }

    ArrayNode finish() {
      return out;
    }
  }

  private static void message(Message m, List<ToolDefinition> tools, Set<String> customCalls, Items items) {
    List<Part> rest = new ArrayList<>(m.parts().size());
    for (Part p : m.parts()) {
      if (p instanceof Part.ToolResult r) {
        boolean custom = customCalls.contains(r.callId());
        ObjectNode out = Json.NODES.objectNode()
            .put("type", custom ? "custom_tool_call_output" : "function_call_output")
            .put("call_id", r.callId());
        out.set("output", toolOutput(r.content()));
        items.output(r.callId(), out);
      } else {
        rest.add(p);
      }
    }
    switch (m.role()) {
      case SYSTEM:
        if (hasContent(rest)) {
          messageItem("developer", rest, "input_text", items);
        }
        break;
      case USER:
      case TOOL:
        if (hasContent(rest)) {
          messageItem("user", rest, "input_text", items);
        }
        break;
      case ASSISTANT:
        assistant(rest, tools, items);
        break;
    }
  }

  private static void assistant(List<Part> parts, List<ToolDefinition> tools, Items items) {
    List<Part> texts = new ArrayList<>();
    for (Part p : parts) {
      if (p instanceof Part.Text) {
        texts.add(p);
        continue;
      }
      if (!texts.isEmpty()) {
        messageItem("assistant", texts, "output_text", items);
        texts.clear();
      }
      if (p instanceof Part.Thinking th && th.signature() != null) {
        items.out.add(reasoningItem(th.text(), th.signature()));
      } else if (p instanceof Part.RedactedThinking r) {
        items.out.add(reasoningItem("", r.data()));
      } else if (p instanceof Part.ToolCall c) {
        ObjectNode call = Json.NODES.objectNode();
        if (isCustom(c.name(), tools)) {
          call.put("type", "custom_tool_call").put("call_id", c.id()).put("name", c.name()).put("input", c.arguments());
        } else {
          call.put("type", "function_call").put("call_id", c.id()).put("name", c.name())
              .put("arguments", c.arguments());
        }
        items.call(c.id(), call);
      }
    }
    if (!texts.isEmpty()) {
      messageItem("assistant", texts, "output_text", items);
    }
  }

  static ObjectNode reasoningItem(String text, String encrypted) {
    ObjectNode item = Json.NODES.objectNode().put("type", "reasoning");
    ArrayNode summary = item.putArray("summary");
    if (!text.isEmpty()) {
      summary.addObject().put("type", "summary_text").put("text", text);
    }
    if (encrypted != null) {
      item.put("encrypted_content", encrypted);
    }
    return item;
  }

  /** A message item; text and images only ({@code textType} is input_text or output_text). */
  private static void messageItem(String role, List<Part> parts, String textType, Items items) {
    ObjectNode item = Json.NODES.objectNode().put("type", "message").put("role", role);
    ArrayNode content = item.putArray("content");
    for (Part p : parts) {
      if (p instanceof Part.Text t) {
        ObjectNode text = content.addObject().put("type", textType).put("text", t.text());
        if (textType.equals("output_text")) {
          text.putArray("annotations");
        }
      } else if (p instanceof Part.Image i) {
        content.add(image(i));
      }
    }
    items.out.add(item);
  }

  private static ObjectNode image(Part.Image i) {
    ObjectNode image = Json.NODES.objectNode().put("type", "input_image").put("image_url", i.asUrl());
    image.put("detail", i.detail() != null ? i.detail() : "auto");
    return image;
  }

  private static boolean hasContent(List<Part> parts) {
    for (Part p : parts) {
      if (p instanceof Part.Text || p instanceof Part.Image) {
        return true;
      }
    }
    return false;
  }

  /** Text only: one string. With images or several texts: the array form. */
  private static JsonNode toolOutput(List<Part> parts) {
    int texts = 0;
    boolean images = false;
    for (Part p : parts) {
      if (p instanceof Part.Text) {
        texts++;
      } else if (p instanceof Part.Image) {
        images = true;
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
        array.addObject().put("type", "input_text").put("text", t.text());
      } else if (p instanceof Part.Image i) {
        array.add(image(i));
      }
    }
    return array;
  }

  // ---- tools and options ----

  static ObjectNode tool(ToolDefinition tool) {
    boolean custom = tool.kind() == ToolDefinition.Kind.CUSTOM;
    ObjectNode def = Json.NODES.objectNode().put("type", custom ? "custom" : "function").put("name", tool.name());
    if (tool.description() != null) {
      def.put("description", tool.description());
    }
    if (tool.parameters() != null) {
      def.set(custom ? "format" : "parameters", custom ? wireFormat(tool.parameters()) : tool.parameters());
    }
    if (tool.strict() != null && !custom) {
      def.put("strict", tool.strict());
    }
    return def;
  }

  /** The inverse of {@link RequestDecoder#canonicalFormat}: a nested grammar is flattened. */
  static JsonNode wireFormat(JsonNode format) {
    JsonNode grammar = format.get("grammar");
    if (!"grammar".equals(Json.text(format, "type")) || grammar == null || !grammar.isObject()) {
      return format;
    }
    ObjectNode out = Json.NODES.objectNode().put("type", "grammar");
    out.setAll((ObjectNode) grammar);
    return out;
  }

  static JsonNode toolChoice(ToolChoice choice, List<ToolDefinition> tools) {
    switch (choice.mode()) {
      case AUTO:
        return Json.NODES.textNode("auto");
      case NONE:
        return Json.NODES.textNode("none");
      case REQUIRED:
        return Json.NODES.textNode("required");
      default:
        return Json.NODES.objectNode().put("type", isCustom(choice.name(), tools) ? "custom" : "function")
            .put("name", choice.name());
    }
  }

  /**
   * {@code reasoning}: the passthrough members (same dialect only), then the canonical effort; the summary is
   * the passthrough word, else {@code auto}, when thoughts are wanted, and absent when they are not.
   */
  private static ObjectNode reasoning(ChatRequest request, JsonNode extra) {
    ObjectNode out = Json.NODES.objectNode();
    if (extra != null && extra.isObject()) {
      out.setAll((ObjectNode) extra);
    }
    if (request.reasoning().effort() != null) {
      out.put("effort", request.reasoning().effort());
    }
    Boolean include = request.reasoning().includeThoughts();
    if (Boolean.TRUE.equals(include) && !out.hasNonNull("summary")) {
      out.put("summary", "auto");
    } else if (Boolean.FALSE.equals(include)) {
      out.remove("summary");
    }
    return out.isEmpty() ? null : out;
  }

  private static ObjectNode text(ResponseFormat format, JsonNode extra) {
    ObjectNode out = Json.NODES.objectNode();
    if (format != null) {
      out.set("format", format(format));
    }
    if (extra != null && extra.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = extra.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        out.putIfAbsent(e.getKey(), e.getValue());
      }
    }
    return out.isEmpty() ? null : out;
  }

  static ObjectNode format(ResponseFormat format) {
    ObjectNode out = Json.NODES.objectNode();
    switch (format.kind()) {
      case TEXT:
        return out.put("type", "text");
      case JSON_OBJECT:
        return out.put("type", "json_object");
      default:
        out.put("type", "json_schema").put("name", format.name() != null ? format.name() : "response");
        if (format.schema() != null) {
          out.set("schema", format.schema());
        }
        if (format.strict() != null) {
          out.put("strict", format.strict());
        }
        return out;
    }
  }

  static boolean isCustom(String name, List<ToolDefinition> tools) {
    for (ToolDefinition t : tools) {
      if (t.kind() == ToolDefinition.Kind.CUSTOM && t.name().equals(name)) {
        return true;
      }
    }
    return false;
  }
}
