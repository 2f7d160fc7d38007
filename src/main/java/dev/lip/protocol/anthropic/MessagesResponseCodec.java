package dev.lip.protocol.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lip.model.ChatResponse;
import dev.lip.model.Part;
import dev.lip.model.StopReason;
import dev.lip.model.Usage;
import dev.lip.protocol.Json;
import java.util.ArrayList;
import java.util.List;

/** {@link ChatResponse} ↔ Messages {@code message} body. */
final class MessagesResponseCodec {
  private MessagesResponseCodec() {
  }

  /**
   * The {@code message} body, content blocks in the answer's order. A thinking part without a signature
   * (reasoning of another provider) is written with {@code signature: ""} so that the block keeps the
   * documented shape; empty text parts are left out. {@code stop_sequence} is always {@code null}: the
   * canonical answer does not record which sequence matched. An answer that holds tool calls is reported
   * with {@code stop_reason: tool_use} when its stop reason is a natural end.
   */
  static ObjectNode encode(ChatResponse response) {
    ObjectNode body = Json.NODES.objectNode()
        .put("id", response.id())
        .put("type", "message")
        .put("role", "assistant")
        .put("model", response.model());
    ArrayNode content = body.putArray("content");
    boolean toolCalls = false;
    for (Part p : response.content()) {
      if (p instanceof Part.Text t) {
        if (!t.text().isEmpty()) {
          content.addObject().put("type", "text").put("text", t.text());
        }
      } else if (p instanceof Part.Thinking th) {
        content.addObject().put("type", "thinking").put("thinking", th.text())
            .put("signature", th.signature() == null ? "" : th.signature());
      } else if (p instanceof Part.RedactedThinking r) {
        content.addObject().put("type", "redacted_thinking").put("data", r.data());
      } else if (p instanceof Part.ToolCall c) {
        toolCalls = true;
        content.addObject().put("type", "tool_use").put("id", c.id()).put("name", c.name())
            .set("input", input(c.arguments()));
      }
    }
    StopReason reason = response.stopReason();
    if (toolCalls && reason == StopReason.END_TURN) {
      reason = StopReason.TOOL_USE;
    }
    body.put("stop_reason", StopReasons.toAnthropic(reason));
    body.putNull("stop_sequence");
    body.set("usage", UsageJson.toTree(response.usage()));
    return body;
  }

  /** The arguments as a JSON object; arguments that are not a JSON object become {@code {}}. */
  static JsonNode input(String arguments) {
    try {
      JsonNode parsed = Json.MAPPER.readTree(arguments);
      if (parsed != null && parsed.isObject()) {
        return parsed;
      }
    } catch (java.io.IOException e) {
      // not JSON: {} below
    }
    return Json.NODES.objectNode();
  }

  /**
   * Reads a provider's {@code message} body, tolerantly: unknown block types (server tool use and results,
   * for instance) are skipped, missing usage is {@link Usage#ZERO}. Never throws.
   */
  static ChatResponse decode(JsonNode body) {
    List<Part> content = new ArrayList<>();
    boolean toolCalls = false;
    for (JsonNode block : body.path("content")) {
      String type = Json.text(block, "type");
      if (type == null) {
        continue;
      }
      switch (type) {
        case "text":
          String text = Json.text(block, "text");
          if (text != null && !text.isEmpty()) {
            content.add(Part.Text.of(text));
          }
          break;
        case "thinking":
          String thinking = Json.text(block, "thinking");
          content.add(new Part.Thinking(thinking != null ? thinking : "", Json.text(block, "signature"), null));
          break;
        case "redacted_thinking":
          String data = Json.text(block, "data");
          if (data != null) {
            content.add(new Part.RedactedThinking(data, null));
          }
          break;
        case "tool_use":
          String id = Json.text(block, "id");
          String name = Json.text(block, "name");
          if (name != null) {
            JsonNode input = Json.get(block, "input");
            content.add(new Part.ToolCall(id != null ? id : "toolu_" + content.size(), name,
                input != null ? Json.write(input) : "{}", null));
            toolCalls = true;
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
        StopReasons.fromAnthropic(Json.text(body, "stop_reason"), toolCalls),
        usage != null && usage.isObject() ? UsageJson.fromTree(usage) : Usage.ZERO);
  }
}
