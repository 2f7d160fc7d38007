package dev.lip.protocol.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lip.model.ChatRequest;
import dev.lip.model.ChatResponse;
import dev.lip.model.Part;
import dev.lip.model.Usage;
import dev.lip.protocol.Json;
import java.util.ArrayList;
import java.util.List;

/** {@link ChatResponse} ↔ {@code response} object. */
final class ResponseCodec {
  private ResponseCodec() {
  }

  /**
   * The {@code response} object, in the order of the canonical content: a {@code reasoning} item per
   * thinking part (the signature as {@code encrypted_content}), a {@code message} item per run of text parts,
   * a {@code function_call} item per tool call (without the request, a custom tool cannot be told apart).
   * With the request, the response also echoes its settings ({@code instructions}, {@code tools}, …).
   * Item ids are derived from the response id ({@link ResponseJson#itemId}). A message that ends an answer
   * cut short (token limit, content filter) has status {@code incomplete}, as the response has.
   */
  static ObjectNode encode(ChatResponse response, ChatRequest request, long createdAt) {
    String id = ResponsesDialect.responseId(response);
    ObjectNode body = ResponseJson.response(id, response.model(), createdAt, "completed", request);
    ArrayNode output = (ArrayNode) body.get("output");
    StringBuilder text = null;
    for (Part p : response.content()) {
      if (p instanceof Part.Text t) {
        if (text == null) {
          text = new StringBuilder();
        }
        text.append(t.text());
        continue;
      }
      if (text != null) {
        output.add(ResponseJson.messageItem(ResponseJson.itemId("msg", id, output.size()), "completed",
            text.toString()));
        text = null;
      }
      if (p instanceof Part.Thinking th) {
        output.add(ResponseJson.reasoningItem(ResponseJson.itemId("rs", id, output.size()), th.text(),
            th.signature()));
      } else if (p instanceof Part.RedactedThinking r) {
        output.add(ResponseJson.reasoningItem(ResponseJson.itemId("rs", id, output.size()), "",
            r.data()));
      } else if (p instanceof Part.ToolCall c) {
        output.add(ResponseJson.callItem(ResponseJson.itemId("fc", id, output.size()), false, c.id(),
            c.name(), c.arguments(), "completed"));
      }
    }
    if (text != null) {
      String status = ResponseJson.incompleteReason(response.stopReason()) == null ? "completed" : "incomplete";
      output.add(ResponseJson.messageItem(ResponseJson.itemId("msg", id, output.size()), status,
          text.toString()));
    }
    ResponseJson.finish(body, response.stopReason());
    body.set("usage", ResponseJson.usage(response.usage()));
    return body;
  }

  /**
   * Reads a provider's {@code response} object, tolerantly: {@code reasoning} items become thinking parts
   * (summary texts joined with a blank line, {@code content} texts when there is no summary, the
   * {@code encrypted_content} as signature) or redacted thinking (encrypted content only); each
   * {@code message} item becomes one text part (its {@code output_text} and {@code refusal} parts
   * concatenated); {@code function_call} and {@code custom_tool_call} items become tool calls identified by
   * their {@code call_id}; other items are skipped. Never throws.
   */
  static ChatResponse decode(JsonNode body) {
    List<Part> content = new ArrayList<>();
    boolean hasToolCalls = false;
    for (JsonNode item : body.path("output")) {
      String type = Json.text(item, "type");
      if (type == null) {
        continue;
      }
      switch (type) {
        case "reasoning":
          Part thinking = reasoning(item);
          if (thinking != null) {
            content.add(thinking);
          }
          break;
        case "message":
          StringBuilder text = new StringBuilder();
          for (JsonNode part : item.path("content")) {
            String t = "refusal".equals(Json.text(part, "type")) ? Json.text(part, "refusal") : Json.text(part, "text");
            if (t != null) {
              text.append(t);
            }
          }
          if (text.length() > 0) {
            content.add(Part.Text.of(text.toString()));
          }
          break;
        case "function_call":
        case "custom_tool_call":
          String name = Json.text(item, "name");
          if (name != null) {
            String callId = Json.text(item, "call_id");
            if (callId == null) {
              callId = Json.text(item, "id");
            }
            content.add(new Part.ToolCall(callId != null ? callId : "call_" + content.size(), name,
                Json.text(item, type.equals("function_call") ? "arguments" : "input"), null));
            hasToolCalls = true;
          }
          break;
        default:
          break;
      }
    }
    JsonNode usage = Json.get(body, "usage");
    String id = Json.text(body, "id");
    String model = Json.text(body, "model");
    return new ChatResponse(id != null ? id : "", null, model != null ? model : "", content,
        ResponseJson.stopReason(body, hasToolCalls),
        usage != null && usage.isObject() ? ResponseJson.usage(usage) : Usage.ZERO);
  }

  /** A reasoning item as a thinking part, or {@code null} when it has neither text nor encrypted content. */
  static Part reasoning(JsonNode item) {
    String text = joined(item.path("summary"));
    if (text.isEmpty()) {
      text = joined(item.path("content"));
    }
    String encrypted = Json.text(item, "encrypted_content");
    if (!text.isEmpty()) {
      return new Part.Thinking(text, encrypted, null);
    }
    return encrypted == null ? null : new Part.RedactedThinking(encrypted, null);
  }

  static String joined(JsonNode parts) {
    StringBuilder sb = new StringBuilder();
    for (JsonNode part : parts) {
      String t = Json.text(part, "text");
      if (t != null) {
        if (sb.length() > 0) {
          sb.append("\n\n");
        }
        sb.append(t);
      }
    }
    return sb.toString();
  }
}
