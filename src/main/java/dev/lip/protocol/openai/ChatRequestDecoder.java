package dev.lip.protocol.openai;

import static dev.lip.protocol.Params.path;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lip.model.CacheControl;
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
 * Client Chat Completions request → {@link ChatRequest}. Validates types and reports the offending path;
 * top-level fields it does not model go verbatim into the {@link Passthrough}.
 */
final class ChatRequestDecoder {
  private static final Set<String> MODELLED = Set.of(
      "model", "messages", "tools", "tool_choice", "parallel_tool_calls", "temperature", "top_p",
      "max_tokens", "max_completion_tokens", "stop", "seed", "presence_penalty", "frequency_penalty", "n",
      "response_format", "reasoning_effort", "stream", "stream_options", "user", "metadata");

  private ChatRequestDecoder() {
  }

  static ChatRequest decode(JsonNode body) {
    Params.body(body);
    String model = Params.requiredString(body, "", "model");
    JsonNode messagesNode = Params.nonEmptyArray(body, "messages");
    Integer n = Params.integer(body, "", "n");
    if (n != null && n > 1) {
      throw new InvalidRequestException("n > 1 is not supported", "n");
    }
    if (n != null && n < 1) {
      throw Params.invalidValue("n", "must be at least 1.");
    }

    List<Part> system = new ArrayList<>();
    List<Message> messages = new ArrayList<>(messagesNode.size());
    for (int i = 0; i < messagesNode.size(); i++) {
      String at = path("messages", i);
      JsonNode m = Params.asObject(messagesNode.get(i), at);
      String role = Params.requiredString(m, at, "role");
      if (messages.isEmpty() && (role.equals("system") || role.equals("developer"))) {
        system.addAll(content(m, at, true));
      } else {
        messages.add(message(role, m, at));
      }
    }

    Integer maxTokens = Params.integer(body, "", "max_completion_tokens");
    Integer legacyMaxTokens = Params.integer(body, "", "max_tokens");
    Sampling sampling = new Sampling(
        Params.number(body, "", "temperature"), Params.number(body, "", "top_p"), null,
        maxTokens != null ? maxTokens : legacyMaxTokens, stop(body),
        Params.longInteger(body, "", "seed"), Params.number(body, "", "presence_penalty"),
        Params.number(body, "", "frequency_penalty"));
    String effort = Params.string(body, "", "reasoning_effort");
    JsonNode streamOptions = Params.object(body, "", "stream_options");
    Boolean includeUsage = streamOptions == null ? null
        : Params.bool(streamOptions, "stream_options", "include_usage");
    Boolean stream = Params.bool(body, "", "stream");

    return new ChatRequest(model, system, messages, tools(body), toolChoice(body),
        Params.bool(body, "", "parallel_tool_calls"), sampling,
        effort == null ? Reasoning.UNSET : new Reasoning(effort, null, null), responseFormat(body),
        Boolean.TRUE.equals(stream), Boolean.TRUE.equals(includeUsage), Params.string(body, "", "user"),
        metadata(body), passthrough(body));
  }

  private static Message message(String role, JsonNode m, String at) {
    String name = Params.string(m, at, "name");
    switch (role) {
      case "system":
      case "developer":
        return new Message(Role.SYSTEM, content(m, at, true), name);
      case "user":
        if (Json.get(m, "content") == null) {
          throw Params.missing(path(at, "content"));
        }
        return new Message(Role.USER, content(m, at, false), name);
      case "assistant":
        return new Message(Role.ASSISTANT, assistantParts(m, at), name);
      case "tool":
        String callId = Params.requiredString(m, at, "tool_call_id");
        List<Part> result = Json.get(m, "content") == null ? List.of() : content(m, at, false);
        return new Message(Role.TOOL, List.of(new Part.ToolResult(callId, result, false, null)));
      default:
        throw Params.invalidValue(path(at, "role"),
            "'" + role + "' is not one of system, developer, user, assistant, tool.");
    }
  }

  /** Reasoning echoed back by clients is read tolerantly: a non-string value is ignored. */
  private static List<Part> assistantParts(JsonNode m, String at) {
    List<Part> parts = new ArrayList<>();
    String reasoning = Json.text(m, "reasoning_content");
    if (reasoning == null) {
      reasoning = Json.text(m, "reasoning");
    }
    if (reasoning != null && !reasoning.isEmpty()) {
      parts.add(new Part.Thinking(reasoning, null, null));
    }
    if (Json.get(m, "content") != null) {
      parts.addAll(content(m, at, false));
    }
    String refusal = Params.string(m, at, "refusal");
    if (refusal != null && !refusal.isEmpty()) {
      parts.add(Part.Text.of(refusal));
    }
    JsonNode calls = Params.array(m, at, "tool_calls");
    if (calls != null) {
      String callsAt = path(at, "tool_calls");
      for (int i = 0; i < calls.size(); i++) {
        parts.add(toolCall(Params.asObject(calls.get(i), path(callsAt, i)), path(callsAt, i)));
      }
    }
    return parts;
  }

  private static Part.ToolCall toolCall(JsonNode call, String at) {
    String id = Params.requiredString(call, at, "id");
    String type = Params.string(call, at, "type");
    if (type == null || type.equals("function")) {
      JsonNode fn = Params.requiredObject(call, at, "function");
      String fnAt = path(at, "function");
      return new Part.ToolCall(id, Params.requiredString(fn, fnAt, "name"),
          Params.string(fn, fnAt, "arguments"), null);
    }
    if (type.equals("custom")) {
      JsonNode custom = Params.requiredObject(call, at, "custom");
      String customAt = path(at, "custom");
      return new Part.ToolCall(id, Params.requiredString(custom, customAt, "name"),
          Params.string(custom, customAt, "input"), null);
    }
    throw Params.invalidValue(path(at, "type"), "'" + type + "' is not one of function, custom.");
  }

  /** The {@code content} member of message {@code m} as parts; strings become one text part. */
  private static List<Part> content(JsonNode m, String at, boolean textOnly) {
    String contentAt = path(at, "content");
    JsonNode content = Json.get(m, "content");
    if (content == null) {
      return List.of();
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
      parts.add(contentPart(Params.asObject(content.get(i), partAt), partAt, textOnly));
    }
    return parts;
  }

  private static Part contentPart(JsonNode part, String at, boolean textOnly) {
    String type = Params.requiredString(part, at, "type");
    switch (type) {
      case "text":
        return new Part.Text(Params.requiredString(part, at, "text"), cacheControl(part, at));
      case "refusal":
        return Part.Text.of(Params.requiredString(part, at, "refusal"));
      case "image_url":
        if (textOnly) {
          break;
        }
        return image(part, at);
      case "input_audio":
      case "file":
        if (textOnly) {
          break;
        }
        throw Params.invalidValue(path(at, "type"), "content parts of type '" + type
            + "' are not supported by this proxy.");
      default:
        throw Params.invalidValue(path(at, "type"), "'" + type
            + "' is not one of text, image_url, input_audio, file, refusal.");
    }
    throw Params.invalidValue(path(at, "type"), "only text content parts are allowed here.");
  }

  private static Part.Image image(JsonNode part, String at) {
    JsonNode imageUrl = Json.get(part, "image_url");
    String url;
    String detail = null;
    if (imageUrl != null && imageUrl.isTextual()) {
      url = imageUrl.textValue();
    } else {
      JsonNode obj = Params.requiredObject(part, at, "image_url");
      String objAt = path(at, "image_url");
      url = Params.requiredString(obj, objAt, "url");
      detail = Params.string(obj, objAt, "detail");
    }
    CacheControl cache = cacheControl(part, at);
    if (url.startsWith("data:")) {
      int marker = url.indexOf(";base64,");
      if (marker > 0) {
        return new Part.Image(null, url.substring(5, marker), url.substring(marker + 8), detail, cache);
      }
    }
    return new Part.Image(url, null, null, detail, cache);
  }

  /** The OpenRouter-style {@code cache_control} marker some clients put on content parts. */
  private static CacheControl cacheControl(JsonNode part, String at) {
    JsonNode cc = Params.object(part, at, "cache_control");
    if (cc == null) {
      return null;
    }
    String ccAt = path(at, "cache_control");
    return new CacheControl(Params.requiredString(cc, ccAt, "type"), Params.string(cc, ccAt, "ttl"));
  }

  private static List<String> stop(JsonNode body) {
    JsonNode stop = Json.get(body, "stop");
    if (stop == null) {
      return List.of();
    }
    if (stop.isTextual()) {
      return List.of(stop.textValue());
    }
    if (!stop.isArray()) {
      throw Params.invalidType("stop", "a string or an array of strings", stop);
    }
    List<String> sequences = new ArrayList<>(stop.size());
    for (int i = 0; i < stop.size(); i++) {
      JsonNode s = stop.get(i);
      if (!s.isTextual()) {
        throw Params.invalidType(path("stop", i), "a string", s);
      }
      sequences.add(s.textValue());
    }
    return sequences;
  }

  private static List<ToolDefinition> tools(JsonNode body) {
    JsonNode tools = Params.array(body, "", "tools");
    if (tools == null) {
      return List.of();
    }
    List<ToolDefinition> defs = new ArrayList<>(tools.size());
    for (int i = 0; i < tools.size(); i++) {
      String at = path("tools", i);
      JsonNode tool = Params.asObject(tools.get(i), at);
      String type = Params.requiredString(tool, at, "type");
      if (type.equals("function")) {
        JsonNode fn = Params.requiredObject(tool, at, "function");
        String fnAt = path(at, "function");
        defs.add(new ToolDefinition(ToolDefinition.Kind.FUNCTION, Params.requiredString(fn, fnAt, "name"),
            Params.string(fn, fnAt, "description"), Params.object(fn, fnAt, "parameters"),
            Params.bool(fn, fnAt, "strict"), null));
      } else if (type.equals("custom")) {
        JsonNode custom = Params.requiredObject(tool, at, "custom");
        String customAt = path(at, "custom");
        defs.add(new ToolDefinition(ToolDefinition.Kind.CUSTOM,
            Params.requiredString(custom, customAt, "name"), Params.string(custom, customAt, "description"),
            Params.object(custom, customAt, "format"), null, null));
      } else {
        throw Params.invalidValue(path(at, "type"), "'" + type + "' is not one of function, custom.");
      }
    }
    return defs;
  }

  private static ToolChoice toolChoice(JsonNode body) {
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
    if (!type.equals("function") && !type.equals("custom")) {
      throw Params.invalidValue("tool_choice.type", "'" + type + "' is not supported; use function or custom.");
    }
    JsonNode named = Params.requiredObject(choice, "tool_choice", type);
    return ToolChoice.tool(Params.requiredString(named, path("tool_choice", type), "name"));
  }

  private static ResponseFormat responseFormat(JsonNode body) {
    JsonNode format = Params.object(body, "", "response_format");
    if (format == null) {
      return null;
    }
    String type = Params.requiredString(format, "response_format", "type");
    switch (type) {
      case "text":
        return new ResponseFormat(ResponseFormat.Kind.TEXT, null, null, null);
      case "json_object":
        return new ResponseFormat(ResponseFormat.Kind.JSON_OBJECT, null, null, null);
      case "json_schema":
        JsonNode schema = Params.requiredObject(format, "response_format", "json_schema");
        String at = "response_format.json_schema";
        return new ResponseFormat(ResponseFormat.Kind.JSON_SCHEMA, Params.requiredString(schema, at, "name"),
            Params.object(schema, at, "schema"), Params.bool(schema, at, "strict"));
      default:
        throw Params.invalidValue("response_format.type",
            "'" + type + "' is not one of text, json_object, json_schema.");
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

  private static Passthrough passthrough(JsonNode body) {
    Map<String, JsonNode> fields = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!MODELLED.contains(e.getKey())) {
        if (fields == null) {
          fields = new LinkedHashMap<>();
        }
        fields.put(e.getKey(), e.getValue());
      }
    }
    return fields == null ? Passthrough.NONE : new Passthrough(OpenAiChatDialect.NAME, fields);
  }
}
