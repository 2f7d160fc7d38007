package dev.lip.protocol.anthropic;

import static dev.lip.protocol.Params.path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.lip.model.CacheControl;
import dev.lip.model.ChatRequest;
import dev.lip.model.Message;
import dev.lip.model.Part;
import dev.lip.model.Passthrough;
import dev.lip.model.Reasoning;
import dev.lip.model.Role;
import dev.lip.model.Sampling;
import dev.lip.model.ToolChoice;
import dev.lip.model.ToolDefinition;
import dev.lip.protocol.InvalidRequestException;
import dev.lip.protocol.Json;
import dev.lip.protocol.Params;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Client Messages request → {@link ChatRequest}. Validates types and reports the offending path; top-level
 * fields it does not model go verbatim into the {@link Passthrough}.
 *
 * <ul>
 *   <li>{@code system} (string or text blocks) becomes the system parts; {@code role:"system"} messages
 *       (Claude Code sends one) are accepted too: before the first user or assistant message they extend
 *       the system parts, later they become {@link Role#SYSTEM} messages.</li>
 *   <li>A user turn's {@code tool_result} blocks become one {@link Role#TOOL} message each, followed by a
 *       {@link Role#USER} message holding the turn's other blocks (if any).</li>
 *   <li>{@code tool_use.input} becomes the arguments JSON text.</li>
 *   <li>Server tools (a {@code type} other than {@code custom}, e.g. {@code web_search_20250305}) are not
 *       canonical tools: they travel in the passthrough under {@code tools}, so they only ever reach an
 *       Anthropic backend.</li>
 *   <li>{@code thinking}: {@code enabled} → budget + include thoughts; {@code disabled} → effort
 *       {@code none}; {@code adaptive} → include thoughts only (no effort, no budget), the original object
 *       kept in the passthrough so that an Anthropic backend receives it unchanged.</li>
 *   <li>{@code tool_choice.disable_parallel_tool_use} → {@code parallelToolCalls} (its negation).</li>
 * </ul>
 */
final class MessagesRequestDecoder {
  private static final Set<String> MODELLED = Set.of(
      "model", "max_tokens", "system", "messages", "tools", "tool_choice", "temperature", "top_p", "top_k",
      "stop_sequences", "stream", "thinking", "metadata");

  private MessagesRequestDecoder() {
  }

  static ChatRequest decode(JsonNode body) {
    Params.body(body);
    String model = Params.requiredString(body, "", "model");
    JsonNode messagesNode = Params.nonEmptyArray(body, "messages");
    List<Part> system = new ArrayList<>(system(body));
    List<Message> messages = new ArrayList<>(messagesNode.size() + 2);
    for (int i = 0; i < messagesNode.size(); i++) {
      String at = path("messages", i);
      JsonNode m = Params.asObject(messagesNode.get(i), at);
      String role = Params.requiredString(m, at, "role");
      if (Json.get(m, "content") == null) {
        throw Params.missing(path(at, "content"));
      }
      switch (role) {
        case "system":
          List<Part> text = systemContent(m, at);
          if (messages.isEmpty()) {
            system.addAll(text);
          } else {
            messages.add(new Message(Role.SYSTEM, text));
          }
          break;
        case "user":
          user(m, at, messages);
          break;
        case "assistant":
          messages.add(new Message(Role.ASSISTANT, assistant(m, at)));
          break;
        default:
          throw Params.invalidValue(path(at, "role"), "'" + role + "' is not one of user, assistant.");
      }
    }

    Map<String, JsonNode> passthrough = new LinkedHashMap<>();
    List<ToolDefinition> tools = tools(body, passthrough);
    JsonNode toolChoiceNode = Params.object(body, "", "tool_choice");
    Sampling sampling = new Sampling(
        Params.number(body, "", "temperature"), Params.number(body, "", "top_p"),
        Params.integer(body, "", "top_k"), Params.integer(body, "", "max_tokens"), stopSequences(body),
        null, null, null);
    Boolean stream = Params.bool(body, "", "stream");
    for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!MODELLED.contains(e.getKey())) {
        passthrough.put(e.getKey(), e.getValue());
      }
    }
    Reasoning reasoning = reasoning(body, passthrough);
    return new ChatRequest(model, system, messages, tools, toolChoice(toolChoiceNode),
        parallelToolCalls(toolChoiceNode), sampling, reasoning, null, Boolean.TRUE.equals(stream), false,
        null, metadata(body),
        passthrough.isEmpty() ? Passthrough.NONE : new Passthrough(AnthropicDialect.NAME, passthrough));
  }

  private static List<Part> system(JsonNode body) {
    JsonNode system = Json.get(body, "system");
    if (system == null) {
      return List.of();
    }
    return textBlocks(system, "system");
  }

  private static List<Part> systemContent(JsonNode m, String at) {
    return textBlocks(Json.get(m, "content"), path(at, "content"));
  }

  /** A string, or an array of {@code text} blocks. */
  private static List<Part> textBlocks(JsonNode value, String at) {
    if (value.isTextual()) {
      return List.of(Part.Text.of(value.textValue()));
    }
    if (!value.isArray()) {
      throw Params.invalidType(at, "a string or an array of text blocks", value);
    }
    List<Part> parts = new ArrayList<>(value.size());
    for (int i = 0; i < value.size(); i++) {
      String blockAt = path(at, i);
      JsonNode block = Params.asObject(value.get(i), blockAt);
      String type = Params.requiredString(block, blockAt, "type");
      if (!type.equals("text")) {
        throw Params.invalidValue(path(blockAt, "type"), "only text blocks are allowed here, not '" + type + "'.");
      }
      parts.add(text(block, blockAt));
    }
    return parts;
  }

  private static Part.Text text(JsonNode block, String at) {
    return new Part.Text(Params.requiredString(block, at, "text"), cacheControl(block, at));
  }

  private static void user(JsonNode m, String at, List<Message> messages) {
    JsonNode content = Json.get(m, "content");
    String contentAt = path(at, "content");
    if (content.isTextual()) {
      messages.add(new Message(Role.USER, List.of(Part.Text.of(content.textValue()))));
      return;
    }
    if (!content.isArray()) {
      throw Params.invalidType(contentAt, "a string or an array of content blocks", content);
    }
    List<Part> rest = new ArrayList<>(content.size());
    for (int i = 0; i < content.size(); i++) {
      String blockAt = path(contentAt, i);
      JsonNode block = Params.asObject(content.get(i), blockAt);
      String type = Params.requiredString(block, blockAt, "type");
      switch (type) {
        case "text":
          rest.add(text(block, blockAt));
          break;
        case "image":
          rest.add(image(block, blockAt));
          break;
        case "tool_result":
          messages.add(new Message(Role.TOOL, List.of(toolResult(block, blockAt))));
          break;
        case "tool_use":
        case "thinking":
        case "redacted_thinking":
          throw Params.invalidValue(path(blockAt, "type"), "'" + type
              + "' blocks are only allowed in assistant messages.");
        default:
          throw unsupportedBlock(blockAt, type, "text, image, tool_result");
      }
    }
    if (!rest.isEmpty() || content.isEmpty()) {
      messages.add(new Message(Role.USER, rest));
    }
  }

  private static List<Part> assistant(JsonNode m, String at) {
    JsonNode content = Json.get(m, "content");
    String contentAt = path(at, "content");
    if (content.isTextual()) {
      return List.of(Part.Text.of(content.textValue()));
    }
    if (!content.isArray()) {
      throw Params.invalidType(contentAt, "a string or an array of content blocks", content);
    }
    List<Part> parts = new ArrayList<>(content.size());
    for (int i = 0; i < content.size(); i++) {
      String blockAt = path(contentAt, i);
      JsonNode block = Params.asObject(content.get(i), blockAt);
      String type = Params.requiredString(block, blockAt, "type");
      switch (type) {
        case "text":
          parts.add(text(block, blockAt));
          break;
        case "tool_use":
          parts.add(toolUse(block, blockAt));
          break;
        case "thinking":
          parts.add(new Part.Thinking(Params.requiredString(block, blockAt, "thinking"),
              Params.string(block, blockAt, "signature"), cacheControl(block, blockAt)));
          break;
        case "redacted_thinking":
          parts.add(new Part.RedactedThinking(Params.requiredString(block, blockAt, "data"),
              cacheControl(block, blockAt)));
          break;
        case "tool_result":
          throw Params.invalidValue(path(blockAt, "type"), "'tool_result' blocks are only allowed in user messages.");
        default:
          throw unsupportedBlock(blockAt, type, "text, tool_use, thinking, redacted_thinking");
      }
    }
    return parts;
  }

  private static InvalidRequestException unsupportedBlock(String blockAt, String type, String allowed) {
    return Params.invalidValue(path(blockAt, "type"), "content blocks of type '" + type
        + "' are not supported by this proxy here; use one of " + allowed + ".");
  }

  private static Part.ToolCall toolUse(JsonNode block, String at) {
    String id = Params.requiredString(block, at, "id");
    String name = Params.requiredString(block, at, "name");
    JsonNode input = Params.object(block, at, "input");
    return new Part.ToolCall(id, name, input == null ? "{}" : Json.write(input), cacheControl(block, at));
  }

  private static Part.ToolResult toolResult(JsonNode block, String at) {
    String id = Params.requiredString(block, at, "tool_use_id");
    Boolean isError = Params.bool(block, at, "is_error");
    JsonNode content = Json.get(block, "content");
    List<Part> parts;
    if (content == null) {
      parts = List.of();
    } else if (content.isTextual()) {
      parts = List.of(Part.Text.of(content.textValue()));
    } else if (content.isArray()) {
      String contentAt = path(at, "content");
      parts = new ArrayList<>(content.size());
      for (int i = 0; i < content.size(); i++) {
        String partAt = path(contentAt, i);
        JsonNode part = Params.asObject(content.get(i), partAt);
        String type = Params.requiredString(part, partAt, "type");
        if (type.equals("text")) {
          parts.add(text(part, partAt));
        } else if (type.equals("image")) {
          parts.add(image(part, partAt));
        } else {
          throw unsupportedBlock(partAt, type, "text, image");
        }
      }
    } else {
      throw Params.invalidType(path(at, "content"), "a string or an array of content blocks", content);
    }
    return new Part.ToolResult(id, parts, Boolean.TRUE.equals(isError), cacheControl(block, at));
  }

  private static Part.Image image(JsonNode block, String at) {
    JsonNode source = Params.requiredObject(block, at, "source");
    String sourceAt = path(at, "source");
    String type = Params.requiredString(source, sourceAt, "type");
    CacheControl cache = cacheControl(block, at);
    switch (type) {
      case "base64":
        return new Part.Image(null, Params.requiredString(source, sourceAt, "media_type"),
            Params.requiredString(source, sourceAt, "data"), null, cache);
      case "url":
        return new Part.Image(Params.requiredString(source, sourceAt, "url"), null, null, null, cache);
      default:
        throw Params.invalidValue(path(sourceAt, "type"), "'" + type + "' is not one of base64, url.");
    }
  }

  private static CacheControl cacheControl(JsonNode block, String at) {
    JsonNode cc = Params.object(block, at, "cache_control");
    if (cc == null) {
      return null;
    }
    String ccAt = path(at, "cache_control");
    return new CacheControl(Params.requiredString(cc, ccAt, "type"), Params.string(cc, ccAt, "ttl"));
  }

  private static List<String> stopSequences(JsonNode body) {
    JsonNode stop = Params.array(body, "", "stop_sequences");
    if (stop == null) {
      return List.of();
    }
    List<String> sequences = new ArrayList<>(stop.size());
    for (int i = 0; i < stop.size(); i++) {
      JsonNode s = stop.get(i);
      if (!s.isTextual()) {
        throw Params.invalidType(path("stop_sequences", i), "a string", s);
      }
      sequences.add(s.textValue());
    }
    return sequences;
  }

  /** Custom tools become canonical tools; server tools go to {@code passthrough} under {@code tools}. */
  private static List<ToolDefinition> tools(JsonNode body, Map<String, JsonNode> passthrough) {
    JsonNode tools = Params.array(body, "", "tools");
    if (tools == null) {
      return List.of();
    }
    List<ToolDefinition> defs = new ArrayList<>(tools.size());
    ArrayNode serverTools = null;
    for (int i = 0; i < tools.size(); i++) {
      String at = path("tools", i);
      JsonNode tool = Params.asObject(tools.get(i), at);
      String type = Params.string(tool, at, "type");
      if (type != null && !type.equals("custom")) {
        Params.requiredString(tool, at, "name");
        if (serverTools == null) {
          serverTools = Json.NODES.arrayNode();
        }
        serverTools.add(tool);
        continue;
      }
      defs.add(new ToolDefinition(ToolDefinition.Kind.FUNCTION, Params.requiredString(tool, at, "name"),
          Params.string(tool, at, "description"), Params.object(tool, at, "input_schema"), null,
          cacheControl(tool, at)));
    }
    if (serverTools != null) {
      passthrough.put("tools", serverTools);
    }
    return defs;
  }

  private static ToolChoice toolChoice(JsonNode choice) {
    if (choice == null) {
      return null;
    }
    String type = Params.requiredString(choice, "tool_choice", "type");
    switch (type) {
      case "auto":
        return ToolChoice.AUTO;
      case "any":
        return ToolChoice.REQUIRED;
      case "none":
        return ToolChoice.NONE;
      case "tool":
        return ToolChoice.tool(Params.requiredString(choice, "tool_choice", "name"));
      default:
        throw Params.invalidValue("tool_choice.type", "'" + type + "' is not one of auto, any, tool, none.");
    }
  }

  private static Boolean parallelToolCalls(JsonNode choice) {
    if (choice == null) {
      return null;
    }
    Boolean disabled = Params.bool(choice, "tool_choice", "disable_parallel_tool_use");
    return disabled == null ? null : !disabled;
  }

  private static Reasoning reasoning(JsonNode body, Map<String, JsonNode> passthrough) {
    JsonNode thinking = Params.object(body, "", "thinking");
    if (thinking == null) {
      return Reasoning.UNSET;
    }
    String type = Params.requiredString(thinking, "thinking", "type");
    switch (type) {
      case "enabled":
        Integer budget = Params.integer(thinking, "thinking", "budget_tokens");
        if (budget == null) {
          throw Params.missing("thinking.budget_tokens");
        }
        return new Reasoning(null, budget, true);
      case "disabled":
        return new Reasoning("none", null, false);
      case "adaptive":
        passthrough.put("thinking", thinking);
        return new Reasoning(null, null, true);
      default:
        throw Params.invalidValue("thinking.type", "'" + type + "' is not one of enabled, disabled, adaptive.");
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
      if (e.getValue().isNull()) {
        continue;
      }
      if (!e.getValue().isTextual()) {
        throw Params.invalidType(path("metadata", e.getKey()), "a string", e.getValue());
      }
      values.put(e.getKey(), e.getValue().textValue());
    }
    return values;
  }
}
