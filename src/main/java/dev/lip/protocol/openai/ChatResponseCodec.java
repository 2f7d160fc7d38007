package dev.lip.protocol.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lip.model.ChatResponse;
import dev.lip.model.Part;
import dev.lip.model.Usage;
import dev.lip.protocol.Json;
import java.util.ArrayList;
import java.util.List;

/** {@link ChatResponse} ↔ {@code chat.completion} body. */
final class ChatResponseCodec {
  private ChatResponseCodec() {
  }

  /**
   * The {@code chat.completion} body: text parts concatenated into {@code content} ({@code null} when the
   * answer is only tool calls), thinking parts concatenated into {@code reasoning_content}.
   */
  static ObjectNode encode(ChatResponse response, long createdEpochSeconds) {
    StringBuilder text = new StringBuilder();
    StringBuilder thinking = null;
    ArrayNode calls = null;
    for (Part p : response.content()) {
      if (p instanceof Part.Text t) {
        text.append(t.text());
      } else if (p instanceof Part.Thinking th) {
        if (thinking == null) {
          thinking = new StringBuilder();
        }
        thinking.append(th.text());
      } else if (p instanceof Part.ToolCall c) {
        if (calls == null) {
          calls = Json.NODES.arrayNode();
        }
        calls.addObject().put("id", c.id()).put("type", "function")
            .putObject("function").put("name", c.name()).put("arguments", c.arguments());
      }
    }
    ObjectNode body = Json.NODES.objectNode()
        .put("id", response.id())
        .put("object", "chat.completion")
        .put("created", createdEpochSeconds)
        .put("model", response.model());
    ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
    ObjectNode message = choice.putObject("message").put("role", "assistant");
    if (calls != null && text.length() == 0) {
      message.putNull("content");
    } else {
      message.put("content", text.toString());
    }
    if (thinking != null) {
      message.put("reasoning_content", thinking.toString());
    }
    if (calls != null) {
      message.set("tool_calls", calls);
    }
    message.putNull("refusal");
    choice.putNull("logprobs");
    choice.put("finish_reason", FinishReasons.toOpenAi(response.stopReason()));
    body.set("usage", UsageJson.toTree(response.usage()));
    return body;
  }

  /**
   * Reads a provider's {@code chat.completion} body, tolerantly: only the first choice counts, missing
   * usage is {@link Usage#ZERO}, {@code reasoning_content} (or {@code reasoning}) becomes a leading
   * thinking part, and content given as an array of text parts is concatenated. Never throws.
   */
  static ChatResponse decode(JsonNode body) {
    List<Part> content = new ArrayList<>();
    boolean hasToolCalls = false;
    String finishReason = null;
    JsonNode choice = body.path("choices").path(0);
    JsonNode message = choice.path("message");
    if (message.isObject()) {
      String reasoning = Json.text(message, "reasoning_content");
      if (reasoning == null) {
        reasoning = Json.text(message, "reasoning");
      }
      if (reasoning != null && !reasoning.isEmpty()) {
        content.add(new Part.Thinking(reasoning, null, null));
      }
      String text = text(message.path("content"));
      if (!text.isEmpty()) {
        content.add(Part.Text.of(text));
      }
      for (JsonNode call : message.path("tool_calls")) {
        JsonNode fn = call.path("function");
        String name = Json.text(fn, "name");
        if (name != null) {
          String id = Json.text(call, "id");
          content.add(new Part.ToolCall(id != null ? id : "call_" + content.size(), name,
              Json.text(fn, "arguments"), null));
          hasToolCalls = true;
        }
      }
      finishReason = Json.text(choice, "finish_reason");
    }
    JsonNode usage = Json.get(body, "usage");
    String id = Json.text(body, "id");
    String model = Json.text(body, "model");
    return new ChatResponse(id != null ? id : "", null, model != null ? model : "", content,
        FinishReasons.fromOpenAi(finishReason, hasToolCalls),
        usage != null && usage.isObject() ? UsageJson.fromTree(usage) : Usage.ZERO);
  }

  private static String text(JsonNode content) {
    if (content.isTextual()) {
      return content.textValue();
    }
    StringBuilder sb = new StringBuilder();
    for (JsonNode part : content) {
      String t = Json.text(part, "text");
      if (t != null) {
        sb.append(t);
      }
    }
    return sb.toString();
  }
}
