package dev.lip.protocol.gemini;

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
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Client {@code GenerateContentRequest} → {@link ChatRequest}. Validates types and reports the offending
 * path; what it does not model goes verbatim into the {@link Passthrough} (see {@link GeminiDialect}).
 */
final class RequestDecoder {
  private static final Set<String> MODELLED = Set.of(
      "model", "contents", "systemInstruction", "tools", "toolConfig", "generationConfig");
  private static final Set<String> MODELLED_GENERATION = Set.of(
      "temperature", "topP", "topK", "maxOutputTokens", "stopSequences", "seed", "presencePenalty",
      "frequencyPenalty", "candidateCount", "thinkingConfig");
  private static final String JSON_MIME = "application/json";
  private static final String TEXT_MIME = "text/plain";

  private RequestDecoder() {
  }

  static ChatRequest decode(JsonNode body) {
    Params.body(body);
    String model = Params.string(body, "", "model");
    JsonNode contents = Params.nonEmptyArray(body, "contents");
    Map<String, JsonNode> passthrough = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!MODELLED.contains(e.getKey())) {
        passthrough.put(e.getKey(), e.getValue());
      }
    }

    List<ToolDefinition> tools = tools(body, passthrough);
    ToolChoice toolChoice = toolChoice(body, passthrough);
    JsonNode generation = Params.object(body, "", "generationConfig");
    Sampling sampling = Sampling.DEFAULTS;
    Reasoning reasoning = Reasoning.UNSET;
    ResponseFormat responseFormat = null;
    if (generation != null) {
      sampling = sampling(generation);
      reasoning = reasoning(generation);
      ObjectNode leftovers = Json.NODES.objectNode();
      responseFormat = responseFormat(generation, leftovers);
      for (Iterator<Map.Entry<String, JsonNode>> it = generation.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!MODELLED_GENERATION.contains(e.getKey()) && !e.getKey().startsWith("response")) {
          leftovers.set(e.getKey(), e.getValue());
        }
      }
      if (!leftovers.isEmpty()) {
        passthrough.put("generationConfig", leftovers);
      }
    }

    return new ChatRequest(model != null ? model : "", system(body), new Conversation().decode(contents), tools,
        toolChoice, null, sampling, reasoning, responseFormat, false, true, null, Map.of(),
        passthrough.isEmpty() ? Passthrough.NONE : new Passthrough(GeminiDialect.NAME, passthrough));
  }

  private static List<Part> system(JsonNode body) {
    JsonNode system = Json.get(body, "systemInstruction");
    if (system == null) {
      return List.of();
    }
    if (system.isTextual()) {
      return List.of(Part.Text.of(system.textValue()));
    }
    if (!system.isObject()) {
      throw Params.invalidType("systemInstruction", "a string or a content object", system);
    }
    JsonNode parts = Params.array(system, "systemInstruction", "parts");
    if (parts == null) {
      return List.of();
    }
    List<Part> out = new ArrayList<>(parts.size());
    for (int i = 0; i < parts.size(); i++) {
      String at = path("systemInstruction.parts", i);
      out.add(Part.Text.of(Params.requiredString(Params.asObject(parts.get(i), at), at, "text")));
    }
    return out;
  }

  /** The contents, turn by turn, with the state that pairs function responses with their calls. */
  private static final class Conversation {
    private final List<Message> messages = new ArrayList<>();
    /** Calls not answered yet, oldest first: {id, name}. */
    private final List<String[]> pending = new ArrayList<>();

    List<Message> decode(JsonNode contents) {
      for (int i = 0; i < contents.size(); i++) {
        String at = path("contents", i);
        JsonNode content = Params.asObject(contents.get(i), at);
        String role = Params.string(content, at, "role");
        JsonNode parts = Params.array(content, at, "parts");
        if (parts == null) {
          throw Params.missing(path(at, "parts"));
        }
        if (role == null || role.equals("user") || role.equals("function")) {
          userTurn(i, parts, path(at, "parts"));
        } else if (role.equals("model")) {
          modelTurn(i, parts, path(at, "parts"));
        } else {
          throw Params.invalidValue(path(at, "role"), "'" + role + "' is not one of user, model.");
        }
      }
      return messages;
    }

    private void userTurn(int contentIndex, JsonNode parts, String at) {
      List<Part> results = new ArrayList<>();
      List<Part> rest = new ArrayList<>();
      for (int j = 0; j < parts.size(); j++) {
        String partAt = path(at, j);
        JsonNode part = Params.asObject(parts.get(j), partAt);
        JsonNode response = Params.object(part, partAt, "functionResponse");
        if (response != null) {
          results.add(toolResult(response, path(partAt, "functionResponse"), contentIndex, results.size()));
        } else if (Json.get(part, "functionCall") != null) {
          throw Params.invalidValue(path(partAt, "functionCall"), "function calls belong in model turns.");
        } else {
          Part p = common(part, partAt);
          rest.add(p instanceof Part.Thinking ? Part.Text.of(((Part.Thinking) p).text()) : p);
        }
      }
      if (!results.isEmpty()) {
        messages.add(new Message(Role.TOOL, results));
      }
      if (!rest.isEmpty() || results.isEmpty()) {
        messages.add(new Message(Role.USER, rest));
      }
    }

    private void modelTurn(int contentIndex, JsonNode parts, String at) {
      List<Part> out = new ArrayList<>(parts.size());
      int ordinal = 0;
      for (int j = 0; j < parts.size(); j++) {
        String partAt = path(at, j);
        JsonNode part = Params.asObject(parts.get(j), partAt);
        String signature = Params.string(part, partAt, "thoughtSignature");
        JsonNode call = Params.object(part, partAt, "functionCall");
        if (call != null) {
          String callAt = path(partAt, "functionCall");
          String name = Params.requiredString(call, callAt, "name");
          String id = Params.string(call, callAt, "id");
          if (id == null || id.isEmpty()) {
            id = ToolIds.forRequest(contentIndex, ordinal);
          }
          ordinal++;
          JsonNode args = Params.object(call, callAt, "args");
          out.add(new Part.ToolCall(id, name, args == null ? "{}" : Json.write(args), signature, null));
          pending.add(new String[] {id, name});
        } else if (Json.get(part, "functionResponse") != null) {
          throw Params.invalidValue(path(partAt, "functionResponse"),
              "function responses belong in user turns.");
        } else {
          Part p = common(part, partAt);
          if (p instanceof Part.Text t && signature != null) {
            // A signature on an answer part: kept as a signature-only thinking part just before it.
            out.add(new Part.Thinking("", signature, null));
            if (!t.text().isEmpty()) {
              out.add(t);
            }
          } else {
            out.add(p);
          }
        }
      }
      messages.add(new Message(Role.ASSISTANT, out));
    }

    /**
     * Pairs a response with its call: by id when the id is that of an unanswered call, else with the oldest
     * unanswered call of the same name (Gemini 2.x calls have no id, and Gemini CLI then answers with an id
     * of its own making), else the response's own id, else a synthesized one.
     */
    private Part.ToolResult toolResult(JsonNode response, String at, int contentIndex, int ordinal) {
      String name = Params.requiredString(response, at, "name");
      String id = Params.string(response, at, "id");
      JsonNode value = Params.object(response, at, "response");
      String callId = null;
      for (int k = 0; k < pending.size() && callId == null; k++) {
        if (pending.get(k)[0].equals(id)) {
          callId = pending.remove(k)[0];
        }
      }
      for (int k = 0; k < pending.size() && callId == null; k++) {
        if (pending.get(k)[1].equals(name)) {
          callId = pending.remove(k)[0];
        }
      }
      if (callId == null) {
        callId = id != null && !id.isEmpty() ? id : ToolIds.forRequest(contentIndex, ordinal);
      }
      if (value == null) {
        value = Json.NODES.objectNode();
      }
      boolean isError = value.size() == 1 && value.has("error");
      return new Part.ToolResult(callId, List.of(Part.Text.of(Json.write(value))), isError, null);
    }
  }

  /** A text, thought, inline-data or file-data part. */
  private static Part common(JsonNode part, String at) {
    String text = Params.string(part, at, "text");
    if (text != null) {
      Boolean thought = Params.bool(part, at, "thought");
      if (Boolean.TRUE.equals(thought)) {
        return new Part.Thinking(text, Params.string(part, at, "thoughtSignature"), null);
      }
      return Part.Text.of(text);
    }
    JsonNode inline = Params.object(part, at, "inlineData");
    if (inline != null) {
      String inlineAt = path(at, "inlineData");
      return new Part.Image(null, Params.requiredString(inline, inlineAt, "mimeType"),
          Params.requiredString(inline, inlineAt, "data"), null, null);
    }
    JsonNode file = Params.object(part, at, "fileData");
    if (file != null) {
      String fileAt = path(at, "fileData");
      return new Part.Image(Params.requiredString(file, fileAt, "fileUri"),
          Params.string(file, fileAt, "mimeType"), null, null, null);
    }
    for (String unsupported : List.of("executableCode", "codeExecutionResult")) {
      if (Json.get(part, unsupported) != null) {
        throw Params.invalidValue(path(at, unsupported), "parts of kind '" + unsupported
            + "' are not supported by this proxy.");
      }
    }
    throw Params.invalidValue(at,
        "a part needs one of text, inlineData, fileData, functionCall, functionResponse.");
  }

  /** Function declarations become tools; other tools (googleSearch, codeExecution, …) pass through. */
  private static List<ToolDefinition> tools(JsonNode body, Map<String, JsonNode> passthrough) {
    JsonNode tools = Params.array(body, "", "tools");
    if (tools == null) {
      return List.of();
    }
    List<ToolDefinition> defs = new ArrayList<>();
    ArrayNode others = Json.NODES.arrayNode();
    for (int i = 0; i < tools.size(); i++) {
      String at = path("tools", i);
      JsonNode tool = Params.asObject(tools.get(i), at);
      JsonNode decls = Params.array(tool, at, "functionDeclarations");
      if (decls != null) {
        String declsAt = path(at, "functionDeclarations");
        for (int j = 0; j < decls.size(); j++) {
          defs.add(declaration(Params.asObject(decls.get(j), path(declsAt, j)), path(declsAt, j)));
        }
      }
      ObjectNode rest = ((ObjectNode) tool).deepCopy();
      rest.remove("functionDeclarations");
      if (!rest.isEmpty()) {
        others.add(rest);
      }
    }
    if (!others.isEmpty()) {
      passthrough.put("tools", others);
    }
    return defs;
  }

  private static ToolDefinition declaration(JsonNode decl, String at) {
    String name = Params.requiredString(decl, at, "name");
    String description = Params.string(decl, at, "description");
    JsonNode schema = Params.object(decl, at, "parametersJsonSchema");
    JsonNode openApi = Params.object(decl, at, "parameters");
    if (schema == null && openApi != null) {
      schema = Schemas.toJsonSchema(openApi);
    }
    return ToolDefinition.function(name, description, schema);
  }

  /**
   * {@code functionCallingConfig}: AUTO (or unspecified) → auto, NONE → none, ANY → required, or the one tool
   * when {@code allowedFunctionNames} names exactly one, VALIDATED → auto. When the config says more than
   * that (VALIDATED, several allowed names, {@code retrievalConfig}, …) the whole {@code toolConfig} is also
   * kept in the passthrough, for a Gemini backend.
   */
  private static ToolChoice toolChoice(JsonNode body, Map<String, JsonNode> passthrough) {
    JsonNode config = Params.object(body, "", "toolConfig");
    if (config == null) {
      return null;
    }
    JsonNode fcc = Params.object(config, "toolConfig", "functionCallingConfig");
    boolean exact = config.size() == (fcc == null ? 0 : 1);
    ToolChoice choice = null;
    if (fcc != null) {
      String at = "toolConfig.functionCallingConfig";
      String mode = Params.string(fcc, at, "mode");
      JsonNode allowed = Params.array(fcc, at, "allowedFunctionNames");
      List<String> names = new ArrayList<>();
      if (allowed != null) {
        for (int i = 0; i < allowed.size(); i++) {
          JsonNode n = allowed.get(i);
          if (!n.isTextual()) {
            throw Params.invalidType(path(path(at, "allowedFunctionNames"), i), "a string", n);
          }
          names.add(n.textValue());
        }
      }
      choice = choice(mode, names, at);
      for (Iterator<String> it = fcc.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        exact &= key.equals("mode") || key.equals("allowedFunctionNames");
      }
      exact &= (mode == null || !mode.equals("VALIDATED"))
          && (names.isEmpty() || choice.mode() == ToolChoice.Mode.TOOL);
    }
    if (!exact) {
      passthrough.put("toolConfig", config);
    }
    return choice;
  }

  static ToolChoice choice(String mode, List<String> names, String at) {
    if (mode == null) {
      return ToolChoice.AUTO;
    }
    switch (mode) {
      case "AUTO":
      case "MODE_UNSPECIFIED":
      case "VALIDATED":
        return ToolChoice.AUTO;
      case "NONE":
        return ToolChoice.NONE;
      case "ANY":
        return names.size() == 1 ? ToolChoice.tool(names.get(0)) : ToolChoice.REQUIRED;
      default:
        throw Params.invalidValue(path(at, "mode"), "'" + mode + "' is not one of AUTO, ANY, NONE, VALIDATED.");
    }
  }

  private static Sampling sampling(JsonNode g) {
    String at = "generationConfig";
    Integer candidates = Params.integer(g, at, "candidateCount");
    if (candidates != null && candidates > 1) {
      throw Params.invalidValue("generationConfig.candidateCount", "candidateCount > 1 is not supported.");
    }
    if (candidates != null && candidates < 1) {
      throw Params.invalidValue("generationConfig.candidateCount", "must be at least 1.");
    }
    List<String> stop = new ArrayList<>();
    JsonNode sequences = Params.array(g, at, "stopSequences");
    if (sequences != null) {
      for (int i = 0; i < sequences.size(); i++) {
        JsonNode s = sequences.get(i);
        if (!s.isTextual()) {
          throw Params.invalidType(path("generationConfig.stopSequences", i), "a string", s);
        }
        stop.add(s.textValue());
      }
    }
    return new Sampling(Params.number(g, at, "temperature"), Params.number(g, at, "topP"),
        Params.integer(g, at, "topK"), Params.integer(g, at, "maxOutputTokens"), stop,
        Params.longInteger(g, at, "seed"), Params.number(g, at, "presencePenalty"),
        Params.number(g, at, "frequencyPenalty"));
  }

  /** {@code thinkingLevel} (lower-cased) → effort, {@code thinkingBudget} → budget, {@code includeThoughts}. */
  private static Reasoning reasoning(JsonNode g) {
    JsonNode thinking = Params.object(g, "generationConfig", "thinkingConfig");
    if (thinking == null) {
      return Reasoning.UNSET;
    }
    String at = "generationConfig.thinkingConfig";
    String level = Params.string(thinking, at, "thinkingLevel");
    return new Reasoning(level == null ? null : level.toLowerCase(Locale.ROOT),
        Params.integer(thinking, at, "thinkingBudget"), Params.bool(thinking, at, "includeThoughts"));
  }

  /**
   * {@code responseMimeType} {@code application/json} → a JSON schema format when {@code responseJsonSchema}
   * or {@code responseSchema} is set (both normalised to JSON Schema: Gemini CLI writes upper-case type
   * names in either), else JSON object;
   * {@code text/plain} → text. Other MIME types (e.g. {@code text/x.enum}) and every other
   * {@code response*} member go to {@code leftovers}, for a Gemini backend.
   */
  private static ResponseFormat responseFormat(JsonNode g, ObjectNode leftovers) {
    String at = "generationConfig";
    String mime = Params.string(g, at, "responseMimeType");
    JsonNode jsonSchema = Params.object(g, at, "responseJsonSchema");
    JsonNode openApi = Params.object(g, at, "responseSchema");
    ResponseFormat format = null;
    boolean schemaUsed = false;
    if (JSON_MIME.equals(mime)) {
      schemaUsed = true;
      if (jsonSchema != null) {
        // Gemini CLI writes OpenAPI-style upper-case types even here; other providers reject them.
        format = new ResponseFormat(ResponseFormat.Kind.JSON_SCHEMA, null, Schemas.toJsonSchema(jsonSchema), null);
      } else if (openApi != null) {
        format = new ResponseFormat(ResponseFormat.Kind.JSON_SCHEMA, null, Schemas.toJsonSchema(openApi), null);
      } else {
        format = new ResponseFormat(ResponseFormat.Kind.JSON_OBJECT, null, null, null);
      }
    } else if (TEXT_MIME.equals(mime) && jsonSchema == null && openApi == null) {
      format = new ResponseFormat(ResponseFormat.Kind.TEXT, null, null, null);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = g.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      boolean modelled = format != null && key.equals("responseMimeType")
          || schemaUsed && (key.equals("responseJsonSchema") || key.equals("responseSchema"));
      if (key.startsWith("response") && !modelled) {
        leftovers.set(key, e.getValue());
      }
    }
    return format;
  }
}
