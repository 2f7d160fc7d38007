package dev.lip.protocol.gemini;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lip.model.ChatEvent;
import dev.lip.model.ProxyError;
import dev.lip.model.StopReason;
import dev.lip.model.Usage;
import dev.lip.protocol.Json;
import dev.lip.protocol.StreamDecoder;
import java.util.function.Consumer;

/**
 * {@code streamGenerateContent?alt=sse} → canonical events. Each SSE {@code data:} is a whole
 * {@code GenerateContentResponse}; only the first candidate counts; the stream ends without a marker.
 *
 * <p>Text parts become text deltas, {@code thought: true} parts thinking deltas (with their signature); a
 * signature on an answer part comes first as a signature-only thinking delta. A {@code functionCall} part is
 * complete in one chunk: it becomes {@link ChatEvent.ToolCallStarted} (with its signature; an id is made up
 * when it has none, see {@link ToolIds}), one {@link ChatEvent.ToolCallDelta} with the whole arguments and
 * {@link ChatEvent.ToolCallDone}. {@code usageMetadata} (cumulative, in many chunks) and
 * {@code finishReason} are remembered; at the end of the stream the last usage is reported, then
 * {@link ChatEvent.Finished} when a finish reason (or a {@code promptFeedback.blockReason}) was seen, else
 * {@link ChatEvent.Failed} (premature end). Malformed JSON and {@code {"error":…}} payloads end the stream
 * with {@link ChatEvent.Failed} (an {@code UPSTREAM} 502, retryable); this class never throws.
 */
final class GeminiStreamDecoder implements StreamDecoder {
  private int calls;
  private String idBase;
  private String finishReason;
  private boolean blocked;
  private Usage usage;
  private boolean ended;

  @Override
  public void onEvent(String event, String data, Consumer<ChatEvent> sink) {
    if (ended || data == null) {
      return;
    }
    String payload = data.strip();
    if (payload.isEmpty() || payload.equals("[DONE]")) {
      return;
    }
    JsonNode chunk;
    try {
      chunk = Json.MAPPER.readTree(payload);
    } catch (JsonProcessingException e) {
      fail(sink, "upstream sent a malformed stream chunk", null);
      return;
    }
    if (chunk != null && chunk.isArray() && chunk.size() == 1) {
      chunk = chunk.get(0);
    }
    if (chunk == null || !chunk.isObject()) {
      fail(sink, "upstream sent a malformed stream chunk", null);
      return;
    }
    JsonNode error = Json.get(chunk, "error");
    if (error != null) {
      String message = Json.errorMessage(chunk);
      String status = Json.text(error, "status");
      JsonNode code = Json.get(error, "code");
      fail(sink, message != null ? message : "upstream reported an error",
          status != null ? status : code != null && code.isValueNode() ? code.asText() : null);
      return;
    }
    JsonNode usageNode = Json.get(chunk, "usageMetadata");
    if (usageNode != null && usageNode.isObject()) {
      usage = UsageJson.fromTree(usageNode);
    }
    if (Json.text(chunk.path("promptFeedback"), "blockReason") != null) {
      blocked = true;
    }
    JsonNode candidate = chunk.path("candidates").path(0);
    for (JsonNode part : candidate.path("content").path("parts")) {
      part(part, Json.text(chunk, "responseId"), sink);
    }
    String reason = Json.text(candidate, "finishReason");
    if (reason != null && !reason.isEmpty()) {
      finishReason = reason;
    }
  }

  private void part(JsonNode part, String responseId, Consumer<ChatEvent> sink) {
    String signature = Json.text(part, "thoughtSignature");
    JsonNode call = part.get("functionCall");
    if (call != null && call.isObject() && Json.text(call, "name") != null) {
      String id = Json.text(call, "id");
      if (id == null || id.isEmpty()) {
        idBase = idBase != null ? idBase : ToolIds.answerBase(responseId);
        id = ToolIds.forAnswer(idBase, calls);
      }
      JsonNode args = call.get("args");
      int index = calls++;
      sink.accept(new ChatEvent.ToolCallStarted(index, id, Json.text(call, "name"), signature));
      sink.accept(new ChatEvent.ToolCallDelta(index, args != null && args.isObject() ? Json.write(args) : "{}"));
      sink.accept(new ChatEvent.ToolCallDone(index));
      return;
    }
    String text = Json.text(part, "text");
    if (text == null) {
      return;
    }
    if (part.path("thought").asBoolean(false)) {
      if (!text.isEmpty() || signature != null) {
        sink.accept(new ChatEvent.ThinkingDelta(text, signature));
      }
      return;
    }
    if (signature != null) {
      sink.accept(new ChatEvent.ThinkingDelta("", signature));
    }
    if (!text.isEmpty()) {
      sink.accept(new ChatEvent.TextDelta(text));
    }
  }

  @Override
  public void onEnd(Consumer<ChatEvent> sink) {
    if (ended) {
      return;
    }
    if (finishReason == null && !blocked) {
      fail(sink, "upstream stream ended prematurely", null);
      return;
    }
    if (usage != null) {
      sink.accept(new ChatEvent.UsageReport(usage));
    }
    ended = true;
    sink.accept(new ChatEvent.Finished(blocked && finishReason == null ? StopReason.CONTENT_FILTER
        : FinishReasons.fromGemini(finishReason, calls > 0)));
  }

  private void fail(Consumer<ChatEvent> sink, String message, String providerDetail) {
    ended = true;
    sink.accept(new ChatEvent.Failed(
        new ProxyError(ProxyError.Kind.UPSTREAM, 502, message, true, null, providerDetail)));
  }
}
