package dev.lip.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lip.model.ChatResponse;
import dev.lip.model.Part;
import dev.lip.model.StopReason;
import dev.lip.model.Usage;
import dev.lip.protocol.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@link ChatResponse} ↔ {@code GenerateContentResponse}. */
final class ResponseCodec {
  private ResponseCodec() {
  }

  /**
   * One candidate with the answer's parts (see {@link PartsEncoder}), its finish reason and index 0, then
   * {@code usageMetadata}, {@code modelVersion} and {@code responseId}.
   */
  static ObjectNode encode(ChatResponse response) {
    ObjectNode body = Json.NODES.objectNode();
    ObjectNode candidate = body.putArray("candidates").addObject();
    ObjectNode content = candidate.putObject("content").put("role", "model");
    content.set("parts", PartsEncoder.modelParts(response.content(), Set.of(), false));
    candidate.put("finishReason", FinishReasons.toGemini(response.stopReason()));
    candidate.put("index", 0);
    body.set("usageMetadata", UsageJson.toTree(response.usage()));
    body.put("modelVersion", response.model());
    body.put("responseId", response.id());
    return body;
  }

  /**
   * Reads a provider's response, tolerantly: only the first candidate counts; a text part with
   * {@code thought: true} is thinking; a signature on any other text part becomes a signature-only thinking
   * part just before it; calls without an id get one (see {@link ToolIds}); a prompt blocked by
   * {@code promptFeedback.blockReason} (no candidates) is a content-filter stop; missing usage is
   * {@link Usage#ZERO}. Never throws.
   */
  static ChatResponse decode(JsonNode body) {
    if (body == null) {
      body = com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
    List<Part> content = new ArrayList<>();
    String responseId = Json.text(body, "responseId");
    String idBase = null;
    int calls = 0;
    JsonNode candidate = body.path("candidates").path(0);
    for (JsonNode part : candidate.path("content").path("parts")) {
      String signature = Json.text(part, "thoughtSignature");
      JsonNode call = part.get("functionCall");
      if (call != null && call.isObject() && Json.text(call, "name") != null) {
        String id = Json.text(call, "id");
        if (id == null || id.isEmpty()) {
          idBase = idBase != null ? idBase : ToolIds.answerBase(responseId);
          id = ToolIds.forAnswer(idBase, calls);
        }
        JsonNode args = call.get("args");
        content.add(new Part.ToolCall(id, Json.text(call, "name"),
            args != null && args.isObject() ? Json.write(args) : "{}", signature, null));
        calls++;
        continue;
      }
      String text = Json.text(part, "text");
      if (text == null) {
        continue;
      }
      if (part.path("thought").asBoolean(false)) {
        content.add(new Part.Thinking(text, signature, null));
      } else {
        if (signature != null) {
          content.add(new Part.Thinking("", signature, null));
        }
        if (!text.isEmpty()) {
          content.add(Part.Text.of(text));
        }
      }
    }
    String finishReason = Json.text(candidate, "finishReason");
    StopReason stop = Json.text(body.path("promptFeedback"), "blockReason") != null && candidate.isMissingNode()
        ? StopReason.CONTENT_FILTER : FinishReasons.fromGemini(finishReason, calls > 0);
    JsonNode usage = Json.get(body, "usageMetadata");
    String model = Json.text(body, "modelVersion");
    return new ChatResponse(responseId != null ? responseId : "", null, model != null ? model : "", content,
        stop, usage != null && usage.isObject() ? UsageJson.fromTree(usage) : Usage.ZERO);
  }
}
