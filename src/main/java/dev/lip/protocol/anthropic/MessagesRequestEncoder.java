package dev.lip.protocol.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lip.model.CacheControl;
import dev.lip.model.ChatRequest;
import dev.lip.model.Message;
import dev.lip.model.Part;
import dev.lip.model.Reasoning;
import dev.lip.model.Role;
import dev.lip.model.Sampling;
import dev.lip.model.ToolChoice;
import dev.lip.model.ToolDefinition;
import dev.lip.protocol.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link ChatRequest} → Messages request body for an Anthropic upstream.
 *
 * <ul>
 *   <li>{@code system} is always an array of text blocks, cache-control markers kept; the text of
 *       {@link Role#SYSTEM} messages in the middle of the conversation is appended to it (Messages has no
 *       system turns).</li>
 *   <li>Messages are turned into strictly alternating turns: consecutive messages of the same side are
 *       merged, and {@link Role#TOOL} messages are user turns. In a user turn every {@code tool_result}
 *       comes first (the API requires it), then the other blocks; so several consecutive OpenAI
 *       {@code role:tool} messages and a following user message become ONE user turn.</li>
 *   <li>An assistant turn lists its thinking blocks first, then text, then {@code tool_use}. Thinking
 *       without a signature (reasoning of another provider) is dropped: Anthropic refuses unsigned
 *       thinking. Empty text blocks are dropped too (Anthropic refuses them).</li>
 *   <li>{@code tool_use.input} is the parsed arguments; arguments that are not a JSON object (a model's
 *       broken output) are sent as {@code {}}. Calls of a {@link ToolDefinition.Kind#CUSTOM} tool send their
 *       free-form text as {@code {"input": text}}, matching the schema such tools get here:
 *       {@code {type:object, properties:{input:{type:string}}, required:[input]}}.</li>
 *   <li>A tool result whose content is a single unmarked text is sent as a string, otherwise as blocks;
 *       {@code is_error} is only written when true.</li>
 *   <li>{@code max_tokens} is always sent: the client's value, else {@value #DEFAULT_MAX_TOKENS}. With
 *       thinking, {@code max_tokens} must exceed the budget: when it does not, the budget is added to it
 *       (the client's limit then bounds the visible answer).</li>
 *   <li>Thinking: a budget is sent as is (at least {@value #MIN_BUDGET}, the API minimum); an effort maps
 *       to a budget: minimal 1024, low 2048, medium 8192, high 24576, xhigh/max 32768, others 8192;
 *       effort {@code none} → {@code disabled}. Thoughts asked for without effort or budget (Anthropic
 *       {@code adaptive}, Gemini dynamic thinking) use the same-dialect passthrough {@code thinking} when
 *       there is one, else a budget of 8192. While thinking is on, {@code temperature} (unless 1),
 *       {@code top_p} (below 0.95) and {@code top_k} are not sent: the API refuses them. Thinking is not
 *       sent at all when the tool choice forces tool use ({@code any} or {@code tool}), which the API
 *       refuses with thinking: the client's demand for a tool call wins.</li>
 *   <li>{@code parallelToolCalls == false} → {@code tool_choice.disable_parallel_tool_use: true}.
 *       {@code tool_choice} is only sent when the request has tools.</li>
 *   <li>{@code metadata.user_id} comes from the metadata {@code user_id}, else the request {@code user};
 *       other metadata keys are not sent (the API refuses them).</li>
 *   <li>Seed, penalties and the response format have no Messages field and are dropped; tool
 *       {@code strict} flags are dropped.</li>
 *   <li>Passthrough fields of this dialect follow, sorted by name, and never replace a field set above;
 *       the one exception is {@code tools}, whose server tools are appended after the request's tools.</li>
 * </ul>
 */
final class MessagesRequestEncoder {
  static final int DEFAULT_MAX_TOKENS = 8192;
  static final int MIN_BUDGET = 1024;
  static final int DEFAULT_BUDGET = 8192;

  private MessagesRequestEncoder() {
  }

  static ObjectNode encode(ChatRequest request, String model) {
    Map<String, JsonNode> passthrough = request.passthrough().fieldsFor(AnthropicDialect.NAME);
    ObjectNode body = Json.NODES.objectNode();
    body.put("model", model);
    JsonNode thinking = thinking(request.reasoning(), passthrough.get("thinking"));
    boolean forcedToolUse = request.toolChoice() != null && (request.toolChoice().mode() == ToolChoice.Mode.REQUIRED
        || request.toolChoice().mode() == ToolChoice.Mode.TOOL) && hasTools(request, passthrough);
    boolean thinkingOn = thinking != null && !"disabled".equals(thinking.path("type").asText());
    if (thinkingOn && forcedToolUse) {
      thinking = null;
      thinkingOn = false;
    }
    Integer budget = thinking != null && thinking.has("budget_tokens") ? thinking.get("budget_tokens").intValue()
        : null;
    body.put("max_tokens", maxTokens(request.sampling().maxTokens(), budget));
    ArrayNode system = system(request);
    if (!system.isEmpty()) {
      body.set("system", system);
    }
    body.set("messages", messages(request));
    ArrayNode tools = tools(request, passthrough.get("tools"));
    if (!tools.isEmpty()) {
      body.set("tools", tools);
      ObjectNode choice = toolChoice(request.toolChoice(), request.parallelToolCalls());
      if (choice != null) {
        body.set("tool_choice", choice);
      }
    }
    sampling(body, request.sampling(), thinkingOn);
    if (thinking != null) {
      body.set("thinking", thinking);
    }
    String userId = request.metadata().get("user_id");
    if (userId == null) {
      userId = request.user();
    }
    if (userId != null) {
      body.putObject("metadata").put("user_id", userId);
    }
    body.put("stream", request.stream());
    if (!passthrough.isEmpty()) {
      boolean skipThinking = forcedToolUse;
      new TreeMap<>(passthrough).forEach((name, value) -> {
        if (!(skipThinking && name.equals("thinking"))) {
          body.putIfAbsent(name, value);
        }
      });
    }
    return body;
  }

  private static boolean hasTools(ChatRequest request, Map<String, JsonNode> passthrough) {
    JsonNode serverTools = passthrough.get("tools");
    return !request.tools().isEmpty() || (serverTools != null && serverTools.isArray() && !serverTools.isEmpty());
  }

  private static int maxTokens(Integer requested, Integer budget) {
    int max = requested != null ? requested : DEFAULT_MAX_TOKENS;
    if (budget != null && max <= budget) {
      max += budget;
    }
    return max;
  }

  /** The {@code thinking} object to send, or {@code null} for none. */
  private static JsonNode thinking(Reasoning reasoning, JsonNode passthroughThinking) {
    Integer budget = reasoning.budgetTokens();
    if (budget == null && reasoning.effort() != null) {
      String effort = reasoning.effort().toLowerCase(Locale.ROOT);
      if (effort.equals("none")) {
        return Json.NODES.objectNode().put("type", "disabled");
      }
      budget = effortBudget(effort);
    }
    if (budget == null && Boolean.TRUE.equals(reasoning.includeThoughts())) {
      if (passthroughThinking != null) {
        return passthroughThinking;
      }
      budget = DEFAULT_BUDGET;
    }
    if (budget == null) {
      return Boolean.FALSE.equals(reasoning.includeThoughts()) ? Json.NODES.objectNode().put("type", "disabled")
          : null;
    }
    if (budget <= 0) {
      return Json.NODES.objectNode().put("type", "disabled");
    }
    return Json.NODES.objectNode().put("type", "enabled").put("budget_tokens", Math.max(MIN_BUDGET, budget));
  }

  private static int effortBudget(String effort) {
    switch (effort) {
      case "minimal":
        return 1024;
      case "low":
        return 2048;
      case "high":
        return 24576;
      case "xhigh":
      case "max":
        return 32768;
      default:
        return DEFAULT_BUDGET;
    }
  }

  private static void sampling(ObjectNode body, Sampling s, boolean thinking) {
    if (s.temperature() != null && (!thinking || s.temperature() == 1.0)) {
      body.put("temperature", s.temperature());
    }
    if (s.topP() != null && (!thinking || s.topP() >= 0.95)) {
      body.put("top_p", s.topP());
    }
    if (s.topK() != null && !thinking) {
      body.put("top_k", s.topK());
    }
    if (!s.stop().isEmpty()) {
      ArrayNode stop = body.putArray("stop_sequences");
      s.stop().forEach(stop::add);
    }
  }

  private static ArrayNode system(ChatRequest request) {
    ArrayNode system = Json.NODES.arrayNode();
    for (Part p : request.system()) {
      systemText(p, system);
    }
    for (Message m : request.messages()) {
      if (m.role() == Role.SYSTEM) {
        for (Part p : m.parts()) {
          systemText(p, system);
        }
      }
    }
    return system;
  }

  private static void systemText(Part p, ArrayNode system) {
    if (p instanceof Part.Text t && !t.text().isEmpty()) {
      cache(system.addObject().put("type", "text").put("text", t.text()), t.cacheControl());
    }
  }

  /** One turn under construction. */
  private static final class Turn {
    final boolean user;
    final List<ObjectNode> first = new ArrayList<>();
    final List<ObjectNode> middle = new ArrayList<>();
    final List<ObjectNode> last = new ArrayList<>();

    Turn(boolean user) {
      this.user = user;
    }

    boolean isEmpty() {
      return first.isEmpty() && middle.isEmpty() && last.isEmpty();
    }
  }

  private static ArrayNode messages(ChatRequest request) {
    List<Turn> turns = new ArrayList<>(request.messages().size());
    for (Message m : request.messages()) {
      if (m.role() == Role.SYSTEM) {
        continue;
      }
      boolean user = m.role() != Role.ASSISTANT;
      Turn turn = turns.isEmpty() ? null : turns.get(turns.size() - 1);
      if (turn == null || turn.user != user) {
        turn = new Turn(user);
        turns.add(turn);
      }
      for (Part p : m.parts()) {
        if (user) {
          userBlock(p, turn);
        } else {
          assistantBlock(p, turn, request.tools());
        }
      }
    }
    ArrayNode out = Json.NODES.arrayNode(turns.size());
    for (Turn turn : turns) {
      if (turn.isEmpty()) {
        continue;
      }
      ObjectNode message = out.addObject().put("role", turn.user ? "user" : "assistant");
      ArrayNode content = message.putArray("content");
      content.addAll(turn.first);
      content.addAll(turn.middle);
      content.addAll(turn.last);
    }
    return out;
  }

  /** User turns: tool results first, then text and images in order. */
  private static void userBlock(Part p, Turn turn) {
    if (p instanceof Part.ToolResult r) {
      turn.first.add(toolResult(r));
    } else if (p instanceof Part.Text t) {
      if (!t.text().isEmpty()) {
        turn.middle.add(text(t));
      }
    } else if (p instanceof Part.Image i) {
      turn.middle.add(image(i));
    }
  }

  /** Assistant turns: thinking first, then text, then tool calls. */
  private static void assistantBlock(Part p, Turn turn, List<ToolDefinition> tools) {
    if (p instanceof Part.Thinking th) {
      if (th.signature() != null && !th.signature().isEmpty()) {
        turn.first.add(cache(Json.NODES.objectNode().put("type", "thinking").put("thinking", th.text())
            .put("signature", th.signature()), th.cacheControl()));
      }
    } else if (p instanceof Part.RedactedThinking r) {
      turn.first.add(cache(Json.NODES.objectNode().put("type", "redacted_thinking").put("data", r.data()),
          r.cacheControl()));
    } else if (p instanceof Part.Text t) {
      if (!t.text().isEmpty()) {
        turn.middle.add(text(t));
      }
    } else if (p instanceof Part.ToolCall c) {
      ObjectNode use = Json.NODES.objectNode().put("type", "tool_use").put("id", c.id()).put("name", c.name());
      use.set("input", input(c, tools));
      turn.last.add(cache(use, c.cacheControl()));
    }
  }

  private static JsonNode input(Part.ToolCall call, List<ToolDefinition> tools) {
    for (ToolDefinition t : tools) {
      if (t.kind() == ToolDefinition.Kind.CUSTOM && t.name().equals(call.name())) {
        return Json.NODES.objectNode().put("input", call.arguments());
      }
    }
    return MessagesResponseCodec.input(call.arguments());
  }

  private static ObjectNode toolResult(Part.ToolResult r) {
    ObjectNode block = Json.NODES.objectNode().put("type", "tool_result").put("tool_use_id", r.callId());
    List<Part> content = r.content();
    if (content.size() == 1 && content.get(0) instanceof Part.Text t && t.cacheControl() == null) {
      block.put("content", t.text());
    } else if (!content.isEmpty()) {
      ArrayNode blocks = block.putArray("content");
      for (Part p : content) {
        if (p instanceof Part.Text t) {
          blocks.add(text(t));
        } else if (p instanceof Part.Image i) {
          blocks.add(image(i));
        }
      }
    }
    if (r.isError()) {
      block.put("is_error", true);
    }
    return cache(block, r.cacheControl());
  }

  private static ObjectNode text(Part.Text t) {
    return cache(Json.NODES.objectNode().put("type", "text").put("text", t.text()), t.cacheControl());
  }

  private static ObjectNode image(Part.Image i) {
    ObjectNode block = Json.NODES.objectNode().put("type", "image");
    ObjectNode source = block.putObject("source");
    if (i.data() != null) {
      source.put("type", "base64").put("media_type", i.mediaType()).put("data", i.data());
    } else {
      source.put("type", "url").put("url", i.url());
    }
    return cache(block, i.cacheControl());
  }

  private static ObjectNode cache(ObjectNode block, CacheControl cc) {
    if (cc != null) {
      ObjectNode out = block.putObject("cache_control").put("type", cc.type());
      if (cc.ttl() != null) {
        out.put("ttl", cc.ttl());
      }
    }
    return block;
  }

  private static ArrayNode tools(ChatRequest request, JsonNode serverTools) {
    ArrayNode out = Json.NODES.arrayNode();
    for (ToolDefinition tool : request.tools()) {
      ObjectNode def = out.addObject().put("name", tool.name());
      if (tool.description() != null) {
        def.put("description", tool.description());
      }
      if (tool.kind() == ToolDefinition.Kind.CUSTOM) {
        ObjectNode schema = def.putObject("input_schema").put("type", "object");
        schema.putObject("properties").putObject("input").put("type", "string");
        schema.putArray("required").add("input");
      } else if (tool.parameters() != null) {
        def.set("input_schema", tool.parameters());
      } else {
        def.putObject("input_schema").put("type", "object").putObject("properties");
      }
      cache(def, tool.cacheControl());
    }
    if (serverTools != null && serverTools.isArray()) {
      out.addAll((ArrayNode) serverTools);
    }
    return out;
  }

  private static ObjectNode toolChoice(ToolChoice choice, Boolean parallelToolCalls) {
    boolean disableParallel = Boolean.FALSE.equals(parallelToolCalls);
    if (choice == null && !disableParallel) {
      return null;
    }
    ObjectNode out = Json.NODES.objectNode();
    ToolChoice.Mode mode = choice == null ? ToolChoice.Mode.AUTO : choice.mode();
    switch (mode) {
      case NONE:
        return out.put("type", "none");
      case REQUIRED:
        out.put("type", "any");
        break;
      case TOOL:
        out.put("type", "tool").put("name", choice.name());
        break;
      default:
        out.put("type", "auto");
        break;
    }
    if (disableParallel) {
      out.put("disable_parallel_tool_use", true);
    }
    return out;
  }
}
