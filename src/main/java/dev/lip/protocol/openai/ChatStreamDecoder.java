package dev.lip.protocol.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lip.model.ChatEvent;
import dev.lip.model.ProxyError;
import dev.lip.model.Usage;
import dev.lip.protocol.Json;
import dev.lip.protocol.StreamDecoder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code chat.completion.chunk} stream → canonical events. Only the first choice counts.
 *
 * <p>Tool calls get canonical indices in order of first appearance, whatever index the provider uses; a
 * chunk that names a new call id at an index already in use (some providers put every call at index 0)
 * starts a new call. Open calls are closed when the provider's {@code finish_reason} arrives. Usage, which
 * usually comes in a final chunk with no choices, is remembered and reported just before
 * {@link ChatEvent.Finished}, at {@code [DONE]} or at the end of the stream. Malformed JSON and error
 * payloads end the stream with {@link ChatEvent.Failed} (an {@code UPSTREAM} 502, retryable: no output of
 * this attempt need have reached the client yet); this class never throws.
 */
final class ChatStreamDecoder implements StreamDecoder {
  private final Map<Integer, Integer> canonicalByProviderIndex = new HashMap<>();
  private final List<String> openCallIds = new ArrayList<>();
  private int openFrom;
  private String finishReason;
  private boolean finishSeen;
  private Usage usage;
  private boolean ended;

  @Override
  public void onEvent(String event, String data, Consumer<ChatEvent> sink) {
    if (ended || data == null) {
      return;
    }
    String payload = data.strip();
    if (payload.isEmpty()) {
      return;
    }
    if (payload.equals("[DONE]")) {
      finish(sink);
      return;
    }
    JsonNode chunk;
    try {
      chunk = Json.MAPPER.readTree(payload);
    } catch (JsonProcessingException e) {
      fail(sink, "upstream sent a malformed stream chunk", null);
      return;
    }
    if (chunk == null || !chunk.isObject()) {
      fail(sink, "upstream sent a malformed stream chunk", null);
      return;
    }
    JsonNode error = Json.get(chunk, "error");
    if (error != null) {
      String message = Json.errorMessage(chunk);
      JsonNode code = Json.get(error, "code");
      fail(sink, message != null ? message : "upstream reported an error",
          code != null && code.isValueNode() ? code.asText() : Json.text(error, "type"));
      return;
    }
    JsonNode usageNode = Json.get(chunk, "usage");
    if (usageNode != null && usageNode.isObject()) {
      usage = UsageJson.fromTree(usageNode);
    }
    JsonNode choice = chunk.path("choices").path(0);
    JsonNode delta = choice.path("delta");
    if (delta.isObject()) {
      delta(delta, sink);
    }
    String reason = Json.text(choice, "finish_reason");
    if (reason != null) {
      finishReason = reason;
      finishSeen = true;
      closeOpenCalls(sink);
    }
  }

  @Override
  public void onEnd(Consumer<ChatEvent> sink) {
    if (ended) {
      return;
    }
    if (finishSeen) {
      finish(sink);
    } else {
      fail(sink, "upstream stream ended prematurely", null);
    }
  }

  private void delta(JsonNode delta, Consumer<ChatEvent> sink) {
    String reasoning = Json.text(delta, "reasoning_content");
    if (reasoning == null) {
      reasoning = Json.text(delta, "reasoning");
    }
    if (reasoning != null && !reasoning.isEmpty()) {
      sink.accept(new ChatEvent.ThinkingDelta(reasoning, null));
    }
    String content = Json.text(delta, "content");
    if (content != null && !content.isEmpty()) {
      sink.accept(new ChatEvent.TextDelta(content));
    }
    String refusal = Json.text(delta, "refusal");
    if (refusal != null && !refusal.isEmpty()) {
      sink.accept(new ChatEvent.TextDelta(refusal));
    }
    JsonNode calls = delta.get("tool_calls");
    if (calls != null && calls.isArray()) {
      for (int i = 0; i < calls.size(); i++) {
        toolCall(calls.get(i), i, sink);
      }
    }
  }

  private void toolCall(JsonNode call, int position, Consumer<ChatEvent> sink) {
    JsonNode indexNode = call.get("index");
    int providerIndex = indexNode != null && indexNode.isInt() ? indexNode.intValue() : position;
    JsonNode fn = call.path("function");
    String id = Json.text(call, "id");
    String name = Json.text(fn, "name");
    Integer canonical = canonicalByProviderIndex.get(providerIndex);
    boolean newId = id != null && !id.isEmpty() && (canonical == null || !id.equals(openCallIds.get(canonical)));
    if (canonical == null || newId) {
      canonical = openCallIds.size();
      String callId = id != null && !id.isEmpty() ? id : "call_" + canonical;
      openCallIds.add(callId);
      canonicalByProviderIndex.put(providerIndex, canonical);
      sink.accept(new ChatEvent.ToolCallStarted(canonical, callId, name != null ? name : ""));
    }
    String arguments = Json.text(fn, "arguments");
    if (arguments != null && !arguments.isEmpty()) {
      sink.accept(new ChatEvent.ToolCallDelta(canonical, arguments));
    }
  }

  private void closeOpenCalls(Consumer<ChatEvent> sink) {
    for (int i = openFrom; i < openCallIds.size(); i++) {
      sink.accept(new ChatEvent.ToolCallDone(i));
    }
    openFrom = openCallIds.size();
    canonicalByProviderIndex.clear();
  }

  private void finish(Consumer<ChatEvent> sink) {
    closeOpenCalls(sink);
    if (usage != null) {
      sink.accept(new ChatEvent.UsageReport(usage));
    }
    ended = true;
    sink.accept(new ChatEvent.Finished(FinishReasons.fromOpenAi(finishReason, !openCallIds.isEmpty())));
  }

  private void fail(Consumer<ChatEvent> sink, String message, String providerDetail) {
    ended = true;
    sink.accept(new ChatEvent.Failed(
        new ProxyError(ProxyError.Kind.UPSTREAM, 502, message, true, null, providerDetail)));
  }
}
