package dev.lip.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lip.model.ChatRequest;
import dev.lip.model.Message;
import dev.lip.model.Part;
import dev.lip.model.Reasoning;
import dev.lip.model.ResponseFormat;
import dev.lip.model.Role;
import dev.lip.model.Sampling;
import dev.lip.model.ToolChoice;
import dev.lip.model.ToolDefinition;
import dev.lip.protocol.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@link ChatRequest} → {@code GenerateContentRequest} for a Gemini provider; see {@link GeminiDialect}. */
final class RequestEncoder {
  /**
   * The signature Gemini 3 accepts in place of a real one on calls it did not produce (history from another
   * provider, or a session that switched models mid tool loop).
   */
  static final String SKIP_SIGNATURE = "skip_thought_signature_validator";
  private static final Pattern GEMINI_MAJOR = Pattern.compile("gemini-(\\d+)");
  private static final JsonNode CUSTOM_SCHEMA = Json.NODES.objectNode().put("type", "object")
      .<ObjectNode>set("properties", Json.NODES.objectNode().set("input",
          Json.NODES.objectNode().put("type", "string")))
      .set("required", Json.NODES.arrayNode().add("input"));

  private RequestEncoder() {
  }

  static ObjectNode encode(ChatRequest request, String model) {
    Map<String, JsonNode> passthrough = request.passthrough().fieldsFor(GeminiDialect.NAME);
    Set<String> customTools = new HashSet<>();
    for (ToolDefinition t : request.tools()) {
      if (t.kind() == ToolDefinition.Kind.CUSTOM) {
        customTools.add(t.name());
      }
    }
    ObjectNode body = Json.NODES.objectNode();
    ArrayNode contents = contents(request.messages(), customTools);
    if (major(model) >= 3) {
      signActiveLoop(contents);
    }
    body.set("contents", contents);
    if (!request.system().isEmpty()) {
      ArrayNode parts = body.putObject("systemInstruction").putArray("parts");
      for (Part p : request.system()) {
        if (p instanceof Part.Text t) {
          parts.addObject().put("text", t.text());
        }
      }
    }
    ArrayNode tools = tools(request.tools(), passthrough.get("tools"));
    if (!tools.isEmpty()) {
      body.set("tools", tools);
    }
    ObjectNode toolConfig = toolConfig(request.toolChoice(), passthrough.get("toolConfig"));
    if (!toolConfig.isEmpty()) {
      body.set("toolConfig", toolConfig);
    }
    ObjectNode generation = generationConfig(request, model, passthrough.get("generationConfig"));
    if (!generation.isEmpty()) {
      body.set("generationConfig", generation);
    }
    for (Map.Entry<String, JsonNode> e : new TreeMap<>(passthrough).entrySet()) {
      body.putIfAbsent(e.getKey(), e.getValue());
    }
    return body;
  }

  /**
   * Messages → contents. User, tool and mid-conversation system messages are {@code user} turns, assistant
   * messages {@code model} turns; adjacent turns of one role are merged (several tool results become one
   * user turn with several {@code functionResponse} parts); empty turns are dropped.
   */
  private static ArrayNode contents(List<Message> messages, Set<String> customTools) {
    Map<String, String> callNames = new HashMap<>();
    for (Message m : messages) {
      for (Part p : m.parts()) {
        if (p instanceof Part.ToolCall c) {
          callNames.put(c.id(), c.name());
        }
      }
    }
    ArrayNode contents = Json.NODES.arrayNode(messages.size());
    String lastRole = null;
    ArrayNode lastParts = null;
    for (Message m : messages) {
      String role = m.role() == Role.ASSISTANT ? "model" : "user";
      ArrayNode parts = role.equals("model") ? PartsEncoder.modelParts(m.parts(), customTools, true)
          : userParts(m.parts(), callNames);
      if (parts.isEmpty()) {
        continue;
      }
      if (role.equals(lastRole)) {
        lastParts.addAll(parts);
      } else {
        ObjectNode content = contents.addObject().put("role", role);
        content.set("parts", parts);
        lastRole = role;
        lastParts = parts;
      }
    }
    return contents;
  }

  private static ArrayNode userParts(List<Part> parts, Map<String, String> callNames) {
    ArrayNode out = Json.NODES.arrayNode(parts.size());
    for (Part p : parts) {
      if (p instanceof Part.Text t) {
        out.addObject().put("text", t.text());
      } else if (p instanceof Part.Image i) {
        out.add(PartsEncoder.image(i));
      } else if (p instanceof Part.ToolResult r) {
        functionResponse(r, callNames, out);
      }
    }
    return out;
  }

  /**
   * {@code {functionResponse:{id?, name, response}}}, the name taken from the call with that id (or
   * {@code unknown} when the history lacks the call). A result whose text is a JSON object is sent as that
   * object; any other text is wrapped as {@code {"result": text}}, or {@code {"error": text}} for errors.
   * Images of the result follow as parts of their own.
   */
  private static void functionResponse(Part.ToolResult r, Map<String, String> callNames, ArrayNode out) {
    ObjectNode fr = out.addObject().putObject("functionResponse");
    if (!ToolIds.synthesized(r.callId())) {
      fr.put("id", r.callId());
    }
    fr.put("name", callNames.getOrDefault(r.callId(), "unknown"));
    String text = r.text();
    JsonNode parsed = Json.parseOrNull(text);
    if (parsed != null && parsed.isObject()) {
      fr.set("response", parsed);
    } else {
      fr.putObject("response").put(r.isError() ? "error" : "result", text);
    }
    for (Part p : r.content()) {
      if (p instanceof Part.Image i) {
        out.add(PartsEncoder.image(i));
      }
    }
  }

  /**
   * Gemini 3 rejects a function call of the current turn that lacks a signature. Each model step after the
   * last real user input that carries calls but no signature at all gets {@link #SKIP_SIGNATURE} on its
   * first call (only the first of parallel calls is signed). Real signatures are never touched.
   */
  private static void signActiveLoop(ArrayNode contents) {
    int start = 0;
    for (int i = contents.size() - 1; i >= 0 && start == 0; i--) {
      JsonNode c = contents.get(i);
      if (c.path("role").asText().equals("user")) {
        for (JsonNode part : c.path("parts")) {
          if (!part.has("functionResponse")) {
            start = i + 1;
            break;
          }
        }
      }
    }
    for (int i = start; i < contents.size(); i++) {
      JsonNode c = contents.get(i);
      if (!c.path("role").asText().equals("model")) {
        continue;
      }
      ObjectNode firstCall = null;
      boolean signed = false;
      for (JsonNode part : c.path("parts")) {
        signed |= part.has("thoughtSignature");
        if (firstCall == null && part.has("functionCall")) {
          firstCall = (ObjectNode) part;
        }
      }
      if (firstCall != null && !signed) {
        firstCall.put("thoughtSignature", SKIP_SIGNATURE);
      }
    }
  }

  /** The major version in a {@code gemini-N…} model id, or 0 when there is none. */
  static int major(String model) {
    Matcher m = GEMINI_MAJOR.matcher(model == null ? "" : model);
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }

  /**
   * One tool holding every function declaration (schemas sent as {@code parametersJsonSchema}, which takes
   * full JSON Schema; free-form tools take one string {@code input}), then the passthrough tools.
   */
  private static ArrayNode tools(List<ToolDefinition> defs, JsonNode passthroughTools) {
    ArrayNode tools = Json.NODES.arrayNode();
    if (!defs.isEmpty()) {
      ArrayNode decls = tools.addObject().putArray("functionDeclarations");
      for (ToolDefinition t : defs) {
        ObjectNode decl = decls.addObject().put("name", t.name());
        if (t.description() != null) {
          decl.put("description", t.description());
        }
        if (t.kind() == ToolDefinition.Kind.CUSTOM) {
          decl.set("parametersJsonSchema", CUSTOM_SCHEMA.deepCopy());
        } else if (t.parameters() != null) {
          decl.set("parametersJsonSchema", t.parameters());
        }
      }
    }
    if (passthroughTools != null && passthroughTools.isArray()) {
      tools.addAll((ArrayNode) passthroughTools);
    }
    return tools;
  }

  /**
   * The passthrough {@code toolConfig} (other members such as {@code retrievalConfig}) with a
   * {@code functionCallingConfig} for the tool choice: the client's own one when it still means the same
   * choice (so VALIDATED or several allowed names survive Gemini → Gemini), else the canonical one.
   */
  private static ObjectNode toolConfig(ToolChoice choice, JsonNode passthroughConfig) {
    ObjectNode config = passthroughConfig != null && passthroughConfig.isObject()
        ? ((ObjectNode) passthroughConfig).deepCopy() : Json.NODES.objectNode();
    JsonNode original = config.remove("functionCallingConfig");
    if (choice == null) {
      return config;
    }
    if (original != null && choice.equals(meaning(original))) {
      config.set("functionCallingConfig", original);
      return config;
    }
    ObjectNode fcc = config.putObject("functionCallingConfig");
    switch (choice.mode()) {
      case NONE:
        fcc.put("mode", "NONE");
        break;
      case REQUIRED:
        fcc.put("mode", "ANY");
        break;
      case TOOL:
        fcc.put("mode", "ANY").putArray("allowedFunctionNames").add(choice.name());
        break;
      default:
        fcc.put("mode", "AUTO");
        break;
    }
    return config;
  }

  private static ToolChoice meaning(JsonNode fcc) {
    List<String> names = new ArrayList<>();
    for (JsonNode n : fcc.path("allowedFunctionNames")) {
      names.add(n.asText());
    }
    try {
      return RequestDecoder.choice(Json.text(fcc, "mode"), names, "");
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static ObjectNode generationConfig(ChatRequest request, String model, JsonNode leftovers) {
    ObjectNode g = Json.NODES.objectNode();
    Sampling s = request.sampling();
    if (s.temperature() != null) {
      g.put("temperature", s.temperature());
    }
    if (s.topP() != null) {
      g.put("topP", s.topP());
    }
    if (s.topK() != null) {
      g.put("topK", s.topK());
    }
    if (s.maxTokens() != null) {
      g.put("maxOutputTokens", s.maxTokens());
    }
    if (!s.stop().isEmpty()) {
      ArrayNode stop = g.putArray("stopSequences");
      s.stop().forEach(stop::add);
    }
    if (s.seed() != null) {
      g.put("seed", s.seed());
    }
    if (s.presencePenalty() != null) {
      g.put("presencePenalty", s.presencePenalty());
    }
    if (s.frequencyPenalty() != null) {
      g.put("frequencyPenalty", s.frequencyPenalty());
    }
    ResponseFormat format = request.responseFormat();
    if (format != null) {
      if (format.kind() == ResponseFormat.Kind.TEXT) {
        g.put("responseMimeType", "text/plain");
      } else {
        g.put("responseMimeType", "application/json");
        if (format.kind() == ResponseFormat.Kind.JSON_SCHEMA && format.schema() != null) {
          g.set("responseJsonSchema", format.schema());
        }
      }
    }
    ObjectNode thinking = thinkingConfig(request.reasoning(), major(model));
    if (!thinking.isEmpty()) {
      g.set("thinkingConfig", thinking);
    }
    if (leftovers != null && leftovers.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = leftovers.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        g.putIfAbsent(e.getKey(), e.getValue());
      }
    }
    return g;
  }

  /**
   * Reasoning → {@code thinkingConfig}, with exactly one of {@code thinkingLevel} and {@code thinkingBudget}
   * (Gemini rejects both). Gemini 2.x knows budgets only: an effort becomes a budget there (none 0, minimal
   * 512, low 1024, medium 8192, high and above 24576), unless a budget is given. Other models (Gemini 3 and
   * unknown ids) get the effort as {@code thinkingLevel} ({@code none} → {@code minimal}, {@code xhigh} and
   * {@code max} → {@code high}), else the budget.
   */
  static ObjectNode thinkingConfig(Reasoning r, int major) {
    ObjectNode t = Json.NODES.objectNode();
    if (r.includeThoughts() != null) {
      t.put("includeThoughts", r.includeThoughts());
    }
    String effort = r.effort() == null ? null : r.effort().toLowerCase(Locale.ROOT);
    if (major == 2 || major == 1) {
      if (r.budgetTokens() != null) {
        t.put("thinkingBudget", r.budgetTokens());
      } else if (effort != null) {
        t.put("thinkingBudget", budget(effort));
      }
    } else if (effort != null) {
      t.put("thinkingLevel", level(effort));
    } else if (r.budgetTokens() != null) {
      t.put("thinkingBudget", r.budgetTokens());
    }
    return t;
  }

  private static int budget(String effort) {
    switch (effort) {
      case "none":
        return 0;
      case "minimal":
        return 512;
      case "low":
        return 1024;
      case "medium":
        return 8192;
      default:
        return 24576;
    }
  }

  private static String level(String effort) {
    switch (effort) {
      case "none":
        return "minimal";
      case "xhigh":
      case "max":
        return "high";
      default:
        return effort;
    }
  }
}
