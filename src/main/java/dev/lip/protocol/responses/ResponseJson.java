package dev.lip.protocol.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lip.model.ChatRequest;
import dev.lip.model.StopReason;
import dev.lip.model.ToolDefinition;
import dev.lip.model.Usage;
import dev.lip.protocol.Json;
import java.util.TreeMap;

/**
 * The pieces of a {@code response} object shared by the response codec and the stream encoder: the
 * object itself, output items, item ids, usage, status.
 */
final class ResponseJson {
  private ResponseJson() {
  }

  /**
   * A deterministic item id: {@code prefix_<response id without resp_>_<output index>}, e.g.
   * {@code msg_abc123_1}. The canonical model keeps no item ids, so every item id is derived this way.
   */
  static String itemId(String prefix, String responseId, int outputIndex) {
    String base = responseId.startsWith("resp_") ? responseId.substring(5) : responseId;
    return prefix + "_" + base + "_" + outputIndex;
  }

  /**
   * A {@code response} object without {@code output} and {@code usage}: those are set by the caller. The
   * request, when known, supplies the echoed settings (instructions, tools, tool choice, sampling, reasoning,
   * text format, user, metadata); otherwise the API's defaults are written.
   */
  static ObjectNode response(String id, String model, long createdAt, String status, ChatRequest request) {
    ObjectNode r = Json.NODES.objectNode()
        .put("id", id)
        .put("object", "response")
        .put("created_at", createdAt)
        .put("status", status)
        .put("background", false);
    r.putNull("error");
    r.putNull("incomplete_details");
    String instructions = request == null ? "" : RequestEncoder.systemText(request.system());
    if (instructions.isEmpty()) {
      r.putNull("instructions");
    } else {
      r.put("instructions", instructions);
    }
    Integer maxTokens = request == null ? null : request.sampling().maxTokens();
    if (maxTokens == null) {
      r.putNull("max_output_tokens");
    } else {
      r.put("max_output_tokens", maxTokens);
    }
    r.put("model", model);
    r.putArray("output");
    Boolean parallel = request == null ? null : request.parallelToolCalls();
    r.put("parallel_tool_calls", parallel == null || parallel);
    JsonNode previous = request == null ? null
        : request.passthrough().fieldsFor(ResponsesDialect.NAME).get("previous_response_id");
    if (previous != null && previous.isTextual()) {
      r.set("previous_response_id", previous);
    } else {
      r.putNull("previous_response_id");
    }
    ObjectNode reasoning = r.putObject("reasoning");
    String effort = request == null ? null : request.reasoning().effort();
    reasoning.put("effort", effort);
    boolean summary = request != null && Boolean.TRUE.equals(request.reasoning().includeThoughts());
    reasoning.put("summary", summary ? "auto" : null);
    number(r, "temperature", request == null ? null : request.sampling().temperature());
    ObjectNode text = r.putObject("text");
    if (request != null && request.responseFormat() != null) {
      text.set("format", RequestEncoder.format(request.responseFormat()));
    } else {
      text.putObject("format").put("type", "text");
    }
    r.set("tool_choice", request == null || request.toolChoice() == null ? Json.NODES.textNode("auto")
        : RequestEncoder.toolChoice(request.toolChoice(), request.tools()));
    ArrayNode tools = r.putArray("tools");
    if (request != null) {
      for (ToolDefinition tool : request.tools()) {
        tools.add(RequestEncoder.tool(tool));
      }
      JsonNode builtIn = request.passthrough().fieldsFor(ResponsesDialect.NAME).get("tools");
      if (builtIn != null && builtIn.isArray()) {
        tools.addAll((ArrayNode) builtIn);
      }
    }
    number(r, "top_p", request == null ? null : request.sampling().topP());
    r.put("truncation", "disabled");
    r.putNull("usage");
    r.put("user", request == null ? null : request.user());
    ObjectNode metadata = r.putObject("metadata");
    if (request != null) {
      new TreeMap<>(request.metadata()).forEach(metadata::put);
    }
    return r;
  }

  private static void number(ObjectNode r, String name, Double value) {
    if (value == null) {
      r.putNull(name);
    } else {
      r.put(name, value);
    }
  }

  /** Sets status and {@code incomplete_details} of a finished response. */
  static void finish(ObjectNode response, StopReason reason) {
    String incomplete = incompleteReason(reason);
    response.put("status", incomplete == null ? "completed" : "incomplete");
    if (incomplete != null) {
      response.putObject("incomplete_details").put("reason", incomplete);
    }
  }

  /** {@code max_output_tokens} or {@code content_filter} for answers that stopped short, else null. */
  static String incompleteReason(StopReason reason) {
    switch (reason) {
      case MAX_TOKENS:
        return "max_output_tokens";
      case CONTENT_FILTER:
      case REFUSAL:
        return "content_filter";
      default:
        return null;
    }
  }

  /** The stop reason of a provider's response, from its status and {@code incomplete_details.reason}. */
  static StopReason stopReason(JsonNode response, boolean hasToolCalls) {
    if ("incomplete".equals(Json.text(response, "status"))) {
      String reason = Json.text(response.path("incomplete_details"), "reason");
      if ("max_output_tokens".equals(reason)) {
        return StopReason.MAX_TOKENS;
      }
      if ("content_filter".equals(reason)) {
        return StopReason.CONTENT_FILTER;
      }
    }
    return hasToolCalls ? StopReason.TOOL_USE : StopReason.END_TURN;
  }

  static ObjectNode usage(Usage usage) {
    ObjectNode out = Json.NODES.objectNode().put("input_tokens", usage.inputTokens());
    out.putObject("input_tokens_details").put("cached_tokens", usage.cachedInputTokens())
        .put("cache_write_tokens", usage.cacheCreationTokens());
    out.put("output_tokens", usage.outputTokens());
    out.putObject("output_tokens_details").put("reasoning_tokens", usage.reasoningTokens());
    out.put("total_tokens", usage.totalTokens());
    return out;
  }

  /** Reads a provider's usage object; absent counts are 0. Never throws. */
  static Usage usage(JsonNode usage) {
    return new Usage(Json.count(usage, "input_tokens"), Json.count(usage, "output_tokens"),
        Json.count(usage.path("input_tokens_details"), "cached_tokens"),
        Json.count(usage.path("input_tokens_details"), "cache_write_tokens"),
        Json.count(usage.path("output_tokens_details"), "reasoning_tokens"));
  }

  // ---- output items ----

  static ObjectNode reasoningItem(String id, String text, String encrypted) {
    ObjectNode item = Json.NODES.objectNode().put("id", id).put("type", "reasoning");
    ArrayNode summary = item.putArray("summary");
    if (!text.isEmpty()) {
      summary.add(summaryPart(text));
    }
    if (encrypted != null) {
      item.put("encrypted_content", encrypted);
    }
    return item;
  }

  static ObjectNode summaryPart(String text) {
    return Json.NODES.objectNode().put("type", "summary_text").put("text", text);
  }

  static ObjectNode messageItem(String id, String status, String text) {
    ObjectNode item = Json.NODES.objectNode().put("id", id).put("type", "message").put("status", status)
        .put("role", "assistant");
    ArrayNode content = item.putArray("content");
    if (text != null) {
      content.add(outputText(text));
    }
    return item;
  }

  static ObjectNode outputText(String text) {
    ObjectNode part = Json.NODES.objectNode().put("type", "output_text");
    part.putArray("annotations");
    part.putArray("logprobs");
    return part.put("text", text);
  }

  /** A {@code function_call} or, for a custom tool, a {@code custom_tool_call} item. */
  static ObjectNode callItem(String id, boolean custom, String callId, String name, String arguments,
      String status) {
    ObjectNode item = Json.NODES.objectNode().put("id", id);
    if (custom) {
      return item.put("type", "custom_tool_call").put("call_id", callId).put("name", name).put("input", arguments);
    }
    return item.put("type", "function_call").put("status", status).put("arguments", arguments)
        .put("call_id", callId).put("name", name);
  }
}
