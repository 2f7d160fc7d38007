package dev.lip.protocol.responses;

import static dev.lip.protocol.Params.path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lip.model.ChatRequest;
import dev.lip.model.Message;
import dev.lip.model.Part;
import dev.lip.model.Passthrough;
import dev.lip.model.Reasoning;
import dev.lip.model.ResponseFormat;
import dev.lip.model.Role;
import dev.lip.model.Sampling;
import dev.lip.model.ToolChoice;
import dev.lip.model.ToolDefinition;
import dev.lip.protocol.Json;
import dev.lip.protocol.Params;
import dev.lip.protocol.openai.ToolChoiceModes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Client Responses request → {@link ChatRequest}. Validates types and reports the offending path (e.g.
 * {@code input[3].content[0].image_url}).
 *
 * <p>Mapping decisions:
 * <ul>
 *   <li>{@code instructions}, then the {@code system}/{@code developer} message items that lead
 *       {@code input}, become the system parts; later ones become {@link Role#SYSTEM} messages.</li>
 *   <li>Consecutive assistant-side items ({@code reasoning}, assistant {@code message},
 *       {@code function_call}, {@code custom_tool_call}) form one {@link Role#ASSISTANT} message, in order;
 *       each {@code function_call_output} / {@code custom_tool_call_output} is one {@link Role#TOOL}
 *       message. The canonical call id is the {@code call_id}; item ids ({@code fc_…}, {@code rs_…},
 *       {@code msg_…}) are dropped, as Codex itself does when it replays history with {@code store:false}.</li>
 *   <li>A {@code reasoning} item becomes {@code Thinking(summary texts joined with a blank line,
 *       signature = encrypted_content)}, or {@code RedactedThinking(encrypted_content)} when it has no
 *       summary text; {@code content} ({@code reasoning_text}) stands in for an empty summary. The encrypted
 *       content, which is what a Responses backend reads back, survives exactly.</li>
 *   <li>Items of other types (hosted-tool calls such as {@code web_search_call}, {@code item_reference},
 *       compaction items) have no canonical form and are skipped.</li>
 *   <li>A custom tool's {@code format} is kept in the canonical (Chat Completions) shape: a grammar's
 *       {@code syntax} and {@code definition} move under {@code grammar}.</li>
 *   <li>Tools of types other than {@code function} and {@code custom} (web_search, local_shell, namespace,
 *       tool_search, mcp, …) go verbatim to the passthrough member {@code tools}; tool choices other than
 *       the modes and a named function/custom tool go to passthrough {@code tool_choice}; the members of
 *       {@code text} other than {@code format} (e.g. {@code verbosity}) to passthrough {@code text}; the
 *       members of {@code reasoning} other than {@code effort} to passthrough {@code reasoning} (a
 *       {@code summary} of {@code auto} is implied by {@code includeThoughts} and not kept). All other
 *       unmodelled top-level members go to the passthrough verbatim.</li>
 * </ul>
 */
final class RequestDecoder {
  private static final Set<String> MODELLED = Set.of(
      "model", "instructions", "input", "tools", "tool_choice", "parallel_tool_calls", "temperature", "top_p",
      "max_output_tokens", "reasoning", "text", "stream", "user", "metadata");

  private RequestDecoder() {
  }

  static ChatRequest decode(JsonNode body) {
    Params.body(body);
    String model = Params.requiredString(body, "", "model");
    Map<String, JsonNode> passthrough = new LinkedHashMap<>();

    List<Part> system = new ArrayList<>();
    String instructions = Params.string(body, "", "instructions");
    if (instructions != null && !instructions.isEmpty()) {
      system.add(Part.Text.of(instructions));
    }
    List<Message> messages = input(body, system);

    Sampling sampling = new Sampling(Params.number(body, "", "temperature"), Params.number(body, "", "top_p"),
        null, Params.integer(body, "", "max_output_tokens"), List.of(), null, null, null);
    Boolean stream = Params.bool(body, "", "stream");

    return new ChatRequest(model, system, messages, tools(body, passthrough), toolChoice(body, passthrough),
        Params.bool(body, "", "parallel_tool_calls"), sampling, reasoning(body, passthrough),
        responseFormat(body, passthrough), Boolean.TRUE.equals(stream), false, Params.string(body, "", "user"),
        metadata(body), passthrough(body, passthrough));
  }

  // ---- input ----

  private static List<Message> input(JsonNode body, List<Part> system) {
    JsonNode input = Json.get(body, "input");
    if (input == null) {
      throw Params.missing("input");
    }
    if (input.isTextual()) {
      return List.of(Message.text(Role.USER, input.textValue()));
    }
    if (!input.isArray()) {
      throw Params.invalidType("input", "a string or an array of input items", input);
    }
    Conversation conversation = new Conversation(system);
    for (int i = 0; i < input.size(); i++) {
      String at = path("input", i);
      item(Params.asObject(input.get(i), at), at, conversation);
    }
    return conversation.finish();
  }

  /** Builds messages from items, grouping consecutive assistant-side items. */
  private static final class Conversation {
    final List<Part> system;
    final List<Message> messages = new ArrayList<>();
    List<Part> assistant;

    Conversation(List<Part> system) {
      this.system = system;
    }

    void assistantPart(Part part) {
      if (assistant == null) {
        assistant = new ArrayList<>();
      }
      assistant.add(part);
    }

    void add(Message message) {
      flush();
      messages.add(message);
    }

    void flush() {
      if (assistant != null) {
        messages.add(new Message(Role.ASSISTANT, assistant));
        assistant = null;
      }
    }

    boolean leading() {
      return messages.isEmpty() && assistant == null;
    }

    List<Message> finish() {
      flush();
      return messages;
    }
  }

  private static void item(JsonNode item, String at, Conversation conversation) {
    String type = Params.string(item, at, "type");
    if (type == null) {
      if (Json.get(item, "role") == null) {
        throw Params.missing(path(at, "type"));
      }
      type = "message";
    }
    switch (type) {
      case "message":
        message(item, at, conversation);
        break;
      case "function_call":
        conversation.assistantPart(new Part.ToolCall(Params.requiredString(item, at, "call_id"),
            Params.requiredString(item, at, "name"), Params.string(item, at, "arguments"), null));
        break;
      case "custom_tool_call":
        conversation.assistantPart(new Part.ToolCall(Params.requiredString(item, at, "call_id"),
            Params.requiredString(item, at, "name"), Params.string(item, at, "input"), null));
        break;
      case "function_call_output":
      case "custom_tool_call_output":
        String callId = Params.requiredString(item, at, "call_id");
        conversation.add(new Message(Role.TOOL,
            List.of(new Part.ToolResult(callId, toolOutput(item, at), false, null))));
        break;
      case "reasoning":
        Part thinking = reasoningItem(item, at);
        if (thinking != null) {
          conversation.assistantPart(thinking);
        }
        break;
      default:
        // hosted-tool calls, item references, compaction items: no canonical form
        break;
    }
  }

  private static void message(JsonNode item, String at, Conversation conversation) {
    String role = Params.requiredString(item, at, "role");
    switch (role) {
      case "system":
      case "developer":
        List<Part> parts = content(item, at, false);
        if (conversation.leading()) {
          conversation.system.addAll(parts);
        } else {
          conversation.add(new Message(Role.SYSTEM, parts));
        }
        break;
      case "user":
        conversation.add(new Message(Role.USER, content(item, at, true)));
        break;
      case "assistant":
        for (Part p : content(item, at, false)) {
          conversation.assistantPart(p);
        }
        break;
      default:
        throw Params.invalidValue(path(at, "role"),
            "'" + role + "' is not one of user, assistant, system, developer.");
    }
  }

  /** The {@code content} of a message item: a string, or an array of content parts. */
  private static List<Part> content(JsonNode item, String at, boolean images) {
    String contentAt = path(at, "content");
    JsonNode content = Json.get(item, "content");
    if (content == null) {
      throw Params.missing(contentAt);
    }
    if (content.isTextual()) {
      return List.of(Part.Text.of(content.textValue()));
    }
    if (!content.isArray()) {
      throw Params.invalidType(contentAt, "a string or an array of content parts", content);
    }
    List<Part> parts = new ArrayList<>(content.size());
    for (int i = 0; i < content.size(); i++) {
      String partAt = path(contentAt, i);
      parts.add(contentPart(Params.asObject(content.get(i), partAt), partAt, images));
    }
    return parts;
  }

  private static Part contentPart(JsonNode part, String at, boolean images) {
    String type = Params.requiredString(part, at, "type");
    switch (type) {
      case "input_text":
      case "output_text":
        return Part.Text.of(Params.requiredString(part, at, "text"));
      case "refusal":
        return Part.Text.of(Params.requiredString(part, at, "refusal"));
      case "input_image":
        if (images) {
          return image(part, at);
        }
        throw Params.invalidValue(path(at, "type"), "images are only allowed in user messages and tool outputs.");
      case "input_file":
      case "input_audio":
        throw Params.invalidValue(path(at, "type"), "content parts of type '" + type
            + "' are not supported by this proxy.");
      default:
        throw Params.invalidValue(path(at, "type"), "'" + type
            + "' is not one of input_text, output_text, input_image, input_file, refusal.");
    }
  }

  private static Part.Image image(JsonNode part, String at) {
    if (Json.get(part, "file_id") != null) {
      throw Params.invalidValue(path(at, "file_id"),
          "images given by file id are not supported by this proxy; use image_url.");
    }
    String url = Params.requiredString(part, at, "image_url");
    String detail = Params.string(part, at, "detail");
    if (url.startsWith("data:")) {
      int marker = url.indexOf(";base64,");
      if (marker > 0) {
        return new Part.Image(null, url.substring(5, marker), url.substring(marker + 8), detail, null);
      }
    }
    return new Part.Image(url, null, null, detail, null);
  }

  /** A tool output: a string, or an array of {@code input_text} / {@code input_image} parts. */
  private static List<Part> toolOutput(JsonNode item, String at) {
    String outputAt = path(at, "output");
    JsonNode output = Json.get(item, "output");
    if (output == null) {
      throw Params.missing(outputAt);
    }
    if (output.isTextual()) {
      return List.of(Part.Text.of(output.textValue()));
    }
    if (!output.isArray()) {
      throw Params.invalidType(outputAt, "a string or an array of content parts", output);
    }
    List<Part> parts = new ArrayList<>(output.size());
    for (int i = 0; i < output.size(); i++) {
      String partAt = path(outputAt, i);
      JsonNode part = Params.asObject(output.get(i), partAt);
      String type = Params.requiredString(part, partAt, "type");
      if (type.equals("input_text") || type.equals("output_text")) {
        parts.add(Part.Text.of(Params.requiredString(part, partAt, "text")));
      } else if (type.equals("input_image")) {
        parts.add(image(part, partAt));
      } else {
        throw Params.invalidValue(path(partAt, "type"), "'" + type + "' is not one of input_text, input_image.");
      }
    }
    return parts;
  }

  /** See the class comment; {@code null} for an item with neither text nor encrypted content. */
  private static Part reasoningItem(JsonNode item, String at) {
    String encrypted = Params.string(item, at, "encrypted_content");
    String text = joined(item, at, "summary", "summary_text");
    if (text.isEmpty()) {
      text = joined(item, at, "content", "reasoning_text");
    }
    if (!text.isEmpty()) {
      return new Part.Thinking(text, encrypted, null);
    }
    return encrypted == null ? null : new Part.RedactedThinking(encrypted, null);
  }

  private static String joined(JsonNode item, String at, String member, String partType) {
    JsonNode parts = Params.array(item, at, member);
    if (parts == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    String partsAt = path(at, member);
    for (int i = 0; i < parts.size(); i++) {
      String partAt = path(partsAt, i);
      JsonNode part = Params.asObject(parts.get(i), partAt);
      String type = Params.string(part, partAt, "type");
      if (type != null && !type.equals(partType)) {
        throw Params.invalidValue(path(partAt, "type"), "'" + type + "' is not " + partType + ".");
      }
      if (sb.length() > 0) {
        sb.append("\n\n");
      }
      sb.append(Params.requiredString(part, partAt, "text"));
    }
    return sb.toString();
  }

  // ---- tools ----

  private static List<ToolDefinition> tools(JsonNode body, Map<String, JsonNode> passthrough) {
    JsonNode tools = Params.array(body, "", "tools");
    if (tools == null) {
      return List.of();
    }
    List<ToolDefinition> defs = new ArrayList<>(tools.size());
    ArrayNode builtIn = null;
    for (int i = 0; i < tools.size(); i++) {
      String at = path("tools", i);
      JsonNode tool = Params.asObject(tools.get(i), at);
      String type = Params.requiredString(tool, at, "type");
      if (type.equals("function")) {
        defs.add(new ToolDefinition(ToolDefinition.Kind.FUNCTION, Params.requiredString(tool, at, "name"),
            Params.string(tool, at, "description"), Params.object(tool, at, "parameters"),
            Params.bool(tool, at, "strict"), null));
      } else if (type.equals("custom")) {
        defs.add(new ToolDefinition(ToolDefinition.Kind.CUSTOM, Params.requiredString(tool, at, "name"),
            Params.string(tool, at, "description"), canonicalFormat(Params.object(tool, at, "format")), null, null));
      } else {
        if (builtIn == null) {
          builtIn = Json.NODES.arrayNode();
        }
        builtIn.add(tool);
      }
    }
    if (builtIn != null) {
      passthrough.put("tools", builtIn);
    }
    return defs;
  }

  /**
   * A custom tool's {@code format} in the canonical (Chat Completions) shape: the Responses grammar
   * {@code {type:grammar, syntax, definition}} becomes {@code {type:grammar, grammar:{syntax, definition}}};
   * other formats are kept as they are.
   */
  static JsonNode canonicalFormat(JsonNode format) {
    if (format == null || !"grammar".equals(Json.text(format, "type")) || format.has("grammar")) {
      return format;
    }
    ObjectNode out = Json.NODES.objectNode().put("type", "grammar");
    ObjectNode grammar = out.putObject("grammar");
    format.fields().forEachRemaining(e -> {
      if (!e.getKey().equals("type")) {
        grammar.set(e.getKey(), e.getValue());
      }
    });
    return out;
  }

  private static ToolChoice toolChoice(JsonNode body, Map<String, JsonNode> passthrough) {
    JsonNode choice = Json.get(body, "tool_choice");
    if (choice == null) {
      return null;
    }
    if (choice.isTextual()) {
      return ToolChoiceModes.parse(choice.textValue());
    }
    if (!choice.isObject()) {
      throw Params.invalidType("tool_choice", "a string or an object", choice);
    }
    String type = Params.requiredString(choice, "tool_choice", "type");
    if (type.equals("function") || type.equals("custom")) {
      return ToolChoice.tool(Params.requiredString(choice, "tool_choice", "name"));
    }
    passthrough.put("tool_choice", choice);
    return null;
  }

  // ---- options ----

  private static Reasoning reasoning(JsonNode body, Map<String, JsonNode> passthrough) {
    JsonNode reasoning = Params.object(body, "", "reasoning");
    if (reasoning == null) {
      return Reasoning.UNSET;
    }
    String effort = Params.string(reasoning, "reasoning", "effort");
    String summary = Params.string(reasoning, "reasoning", "summary");
    Boolean includeThoughts = null;
    if (summary != null) {
      switch (summary) {
        case "auto":
        case "concise":
        case "detailed":
          includeThoughts = true;
          break;
        default:
          throw Params.invalidValue("reasoning.summary", "'" + summary + "' is not one of auto, concise, detailed.");
      }
    }
    ObjectNode rest = without(reasoning, "effort");
    if ("auto".equals(summary)) {
      rest.remove("summary");
    }
    if (!rest.isEmpty()) {
      passthrough.put("reasoning", rest);
    }
    return new Reasoning(effort, null, includeThoughts);
  }

  private static ResponseFormat responseFormat(JsonNode body, Map<String, JsonNode> passthrough) {
    JsonNode text = Params.object(body, "", "text");
    if (text == null) {
      return null;
    }
    ObjectNode rest = without(text, "format");
    if (!rest.isEmpty()) {
      passthrough.put("text", rest);
    }
    JsonNode format = Params.object(text, "text", "format");
    if (format == null) {
      return null;
    }
    String at = "text.format";
    String type = Params.requiredString(format, at, "type");
    switch (type) {
      case "text":
        return new ResponseFormat(ResponseFormat.Kind.TEXT, null, null, null);
      case "json_object":
        return new ResponseFormat(ResponseFormat.Kind.JSON_OBJECT, null, null, null);
      case "json_schema":
        return new ResponseFormat(ResponseFormat.Kind.JSON_SCHEMA, Params.requiredString(format, at, "name"),
            Params.requiredObject(format, at, "schema"), Params.bool(format, at, "strict"));
      default:
        throw Params.invalidValue(path(at, "type"), "'" + type + "' is not one of text, json_object, json_schema.");
    }
  }

  private static Map<String, String> metadata(JsonNode body) {
    JsonNode metadata = Params.object(body, "", "metadata");
    if (metadata == null) {
      return Map.of();
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = metadata.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        throw Params.invalidType(path("metadata", e.getKey()), "a string", e.getValue());
      }
      values.put(e.getKey(), e.getValue().textValue());
    }
    return values;
  }

  private static ObjectNode without(JsonNode object, String member) {
    ObjectNode copy = ((ObjectNode) object).deepCopy();
    copy.remove(member);
    return copy;
  }

  private static Passthrough passthrough(JsonNode body, Map<String, JsonNode> fields) {
    for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!MODELLED.contains(e.getKey())) {
        fields.put(e.getKey(), e.getValue());
      }
    }
    return fields.isEmpty() ? Passthrough.NONE : new Passthrough(ResponsesDialect.NAME, fields);
  }
}
