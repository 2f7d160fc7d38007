package dev.lip.protocol.responses;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lip.model.ChatEvent;
import dev.lip.model.Part;
import dev.lip.model.ProxyError;
import dev.lip.protocol.Json;
import dev.lip.protocol.StreamDecoder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Responses SSE stream → canonical events. The event type is the payload's {@code type} (the SSE
 * {@code event:} name when the payload has none).
 *
 * <ul>
 *   <li>{@code response.created} / {@code response.in_progress}: nothing is emitted.</li>
 *   <li>{@code function_call} and {@code custom_tool_call} items get canonical tool indices in order of
 *       {@code response.output_item.added}; argument (input) deltas are routed by {@code item_id}, else by
 *       {@code output_index}. {@code response.output_item.done} closes the call; arguments that only
 *       arrive in a {@code .done} event or in the finished item are emitted then, so nothing is lost.</li>
 *   <li>Text and reasoning (summary or raw reasoning text) deltas become text and thinking deltas; a second
 *       summary part of the same item is preceded by a blank line, as in {@link ResponseCodec#decode}. A
 *       finished reasoning item's {@code encrypted_content} becomes the signature of its streamed summary, or,
 *       for an item without any summary, redacted thinking (as {@link ResponseCodec#decode} reads it).</li>
 *   <li>{@code response.completed} / {@code response.incomplete}: usage, then {@code ToolCallDone} for calls
 *       still open, then {@code Finished} with the stop reason of the final response object.</li>
 *   <li>{@code response.failed}, {@code error} events, malformed JSON and a stream that ends before its
 *       terminal event become {@code Failed}. Errors keep their provider code; rate-limit and quota errors are
 *       {@code RATE_LIMITED} (429), {@code context_length_exceeded} is {@code REQUEST_TOO_LARGE} (413), invalid
 *       requests {@code INVALID_REQUEST} (400; both not retryable), everything
 *       else a retryable {@code UPSTREAM} 502. An error right after {@code response.created} is still a
 *       failure before any content, so the backend can fail over.</li>
 * </ul>
 * This class never throws.
 */
final class ResponsesStreamDecoder implements StreamDecoder {
  private final Map<String, Integer> callByItemId = new HashMap<>();
  private final Map<Integer, Integer> callByOutputIndex = new HashMap<>();
  private final List<Boolean> callHasArguments = new ArrayList<>();
  private final Set<Integer> doneCalls = new HashSet<>();
  /** Items (by id, else output index) whose text or reasoning was streamed as deltas. */
  private final Set<String> streamedItems = new HashSet<>();
  private final Map<String, Integer> summaryIndexByItem = new HashMap<>();
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
    JsonNode e;
    try {
      e = Json.MAPPER.readTree(payload);
    } catch (JsonProcessingException ex) {
      fail(sink, ProxyError.Kind.UPSTREAM, "upstream sent a malformed stream event", null);
      return;
    }
    if (e == null || !e.isObject()) {
      fail(sink, ProxyError.Kind.UPSTREAM, "upstream sent a malformed stream event", null);
      return;
    }
    String type = Json.text(e, "type");
    if (type == null) {
      type = event;
    }
    if (type == null) {
      return;
    }
    switch (type) {
      case "response.output_item.added":
        itemAdded(e, sink);
        break;
      case "response.output_text.delta":
      case "response.refusal.delta":
        String text = Json.text(e, "delta");
        if (text != null && !text.isEmpty()) {
          streamedItems.add(itemKey(e));
          sink.accept(new ChatEvent.TextDelta(text));
        }
        break;
      case "response.reasoning_summary_text.delta":
        summaryDelta(e, sink);
        break;
      case "response.reasoning_text.delta":
        String thought = Json.text(e, "delta");
        if (thought != null && !thought.isEmpty()) {
          streamedItems.add(itemKey(e));
          sink.accept(new ChatEvent.ThinkingDelta(thought, null));
        }
        break;
      case "response.function_call_arguments.delta":
      case "response.custom_tool_call_input.delta":
        arguments(e, Json.text(e, "delta"), sink);
        break;
      case "response.function_call_arguments.done":
        argumentsDone(e, Json.text(e, "arguments"), sink);
        break;
      case "response.custom_tool_call_input.done":
        argumentsDone(e, Json.text(e, "input"), sink);
        break;
      case "response.output_item.done":
        itemDone(e, sink);
        break;
      case "response.completed":
      case "response.incomplete":
        finish(e.path("response"), sink);
        break;
      case "response.failed":
        JsonNode error = e.path("response").path("error");
        failWith(error, sink);
        break;
      case "error":
        failWith(e.has("error") && e.get("error").isObject() ? e.get("error") : e, sink);
        break;
      default:
        break;
    }
  }

  @Override
  public void onEnd(Consumer<ChatEvent> sink) {
    if (!ended) {
      fail(sink, ProxyError.Kind.UPSTREAM, "upstream stream ended prematurely", null);
    }
  }

  private void itemAdded(JsonNode e, Consumer<ChatEvent> sink) {
    JsonNode item = e.path("item");
    String type = Json.text(item, "type");
    if ("function_call".equals(type) || "custom_tool_call".equals(type)) {
      Integer index = startCall(e, item, sink);
      String arguments = Json.text(item, "function_call".equals(type) ? "arguments" : "input");
      arguments(index, arguments, sink);
    }
  }

  private int startCall(JsonNode e, JsonNode item, Consumer<ChatEvent> sink) {
    int index = callHasArguments.size();
    callHasArguments.add(false);
    String itemId = Json.text(item, "id");
    if (itemId != null) {
      callByItemId.put(itemId, index);
    }
    JsonNode outputIndex = e.get("output_index");
    if (outputIndex != null && outputIndex.canConvertToInt()) {
      callByOutputIndex.put(outputIndex.intValue(), index);
    }
    String callId = Json.text(item, "call_id");
    if (callId == null) {
      callId = itemId != null ? itemId : "call_" + index;
    }
    String name = Json.text(item, "name");
    sink.accept(new ChatEvent.ToolCallStarted(index, callId, name != null ? name : ""));
    return index;
  }

  /** The canonical index of the call an event is about, or {@code null}. */
  private Integer callOf(JsonNode e) {
    String itemId = Json.text(e, "item_id");
    Integer index = itemId == null ? null : callByItemId.get(itemId);
    if (index == null) {
      JsonNode outputIndex = e.get("output_index");
      if (outputIndex != null && outputIndex.canConvertToInt()) {
        index = callByOutputIndex.get(outputIndex.intValue());
      }
    }
    return index;
  }

  private void arguments(JsonNode e, String fragment, Consumer<ChatEvent> sink) {
    Integer index = callOf(e);
    if (index != null) {
      arguments(index, fragment, sink);
    }
  }

  private void arguments(int index, String fragment, Consumer<ChatEvent> sink) {
    if (fragment != null && !fragment.isEmpty() && !doneCalls.contains(index)) {
      callHasArguments.set(index, true);
      sink.accept(new ChatEvent.ToolCallDelta(index, fragment));
    }
  }

  /** Full arguments at the end of a call: emitted only when no delta carried them. */
  private void argumentsDone(JsonNode e, String full, Consumer<ChatEvent> sink) {
    Integer index = callOf(e);
    if (index != null && !callHasArguments.get(index)) {
      arguments(index, full, sink);
    }
  }

  private void summaryDelta(JsonNode e, Consumer<ChatEvent> sink) {
    String delta = Json.text(e, "delta");
    if (delta == null || delta.isEmpty()) {
      return;
    }
    String key = itemKey(e);
    JsonNode summaryIndex = e.get("summary_index");
    int part = summaryIndex != null && summaryIndex.canConvertToInt() ? summaryIndex.intValue() : 0;
    Integer previous = summaryIndexByItem.put(key, part);
    if (previous != null && previous != part) {
      sink.accept(new ChatEvent.ThinkingDelta("\n\n", null));
    }
    streamedItems.add(key);
    sink.accept(new ChatEvent.ThinkingDelta(delta, null));
  }

  private void itemDone(JsonNode e, Consumer<ChatEvent> sink) {
    JsonNode item = e.path("item");
    String type = Json.text(item, "type");
    if (type == null) {
      return;
    }
    String key = Json.text(item, "id");
    if (key == null) {
      key = "#" + e.path("output_index").asInt(-1);
    }
    switch (type) {
      case "function_call":
      case "custom_tool_call":
        Integer index = callOf(e);
        if (index == null && Json.text(item, "id") != null) {
          index = callByItemId.get(Json.text(item, "id"));
        }
        if (index == null) {
          index = startCall(e, item, sink);
        }
        if (!callHasArguments.get(index)) {
          arguments(index, Json.text(item, type.equals("function_call") ? "arguments" : "input"), sink);
        }
        closeCall(index, sink);
        break;
      case "reasoning":
        Part thinking = ResponseCodec.reasoning(item);
        String encrypted = Json.text(item, "encrypted_content");
        boolean streamed = streamedItems.contains(key);
        if (!streamed && thinking instanceof Part.Thinking th) {
          sink.accept(new ChatEvent.ThinkingDelta(th.text(), encrypted));
        } else if (!streamed && thinking instanceof Part.RedactedThinking redacted) {
          sink.accept(new ChatEvent.RedactedThinking(redacted.data()));
        } else if (encrypted != null) {
          sink.accept(new ChatEvent.ThinkingDelta("", encrypted));
        }
        break;
      case "message":
        if (!streamedItems.contains(key)) {
          StringBuilder text = new StringBuilder();
          for (JsonNode part : item.path("content")) {
            String t = "refusal".equals(Json.text(part, "type")) ? Json.text(part, "refusal") : Json.text(part, "text");
            if (t != null) {
              text.append(t);
            }
          }
          if (text.length() > 0) {
            sink.accept(new ChatEvent.TextDelta(text.toString()));
          }
        }
        break;
      default:
        break;
    }
  }

  private void closeCall(int index, Consumer<ChatEvent> sink) {
    if (doneCalls.add(index)) {
      sink.accept(new ChatEvent.ToolCallDone(index));
    }
  }

  private void finish(JsonNode response, Consumer<ChatEvent> sink) {
    for (int i = 0; i < callHasArguments.size(); i++) {
      closeCall(i, sink);
    }
    JsonNode usage = Json.get(response, "usage");
    if (usage != null && usage.isObject()) {
      sink.accept(new ChatEvent.UsageReport(ResponseJson.usage(usage)));
    }
    ended = true;
    sink.accept(new ChatEvent.Finished(ResponseJson.stopReason(response, !callHasArguments.isEmpty())));
  }

  /** A failure from an error object {@code {code, message, param}} (fields may be absent). */
  private void failWith(JsonNode error, Consumer<ChatEvent> sink) {
    String message = Json.text(error, "message");
    JsonNode codeNode = Json.get(error, "code");
    String code = codeNode != null && codeNode.isValueNode() ? codeNode.asText() : Json.text(error, "type");
    if (message == null) {
      message = "upstream reported an error";
    }
    if (code != null && (code.equals("rate_limit_exceeded") || code.equals("insufficient_quota"))) {
      ended = true;
      sink.accept(new ChatEvent.Failed(new ProxyError(ProxyError.Kind.RATE_LIMITED, 429, message, true, null, code)));
    } else if ("context_length_exceeded".equals(code)) {
      ended = true;
      sink.accept(new ChatEvent.Failed(new ProxyError(ProxyError.Kind.REQUEST_TOO_LARGE, 413, message, false, null,
          code)));
    } else if ("invalid_request_error".equals(code) || "invalid_prompt".equals(code)) {
      ended = true;
      sink.accept(new ChatEvent.Failed(new ProxyError(ProxyError.Kind.INVALID_REQUEST, 400, message, false, null,
          Json.text(error, "param"))));
    } else {
      fail(sink, ProxyError.Kind.UPSTREAM, message, code);
    }
  }

  private void fail(Consumer<ChatEvent> sink, ProxyError.Kind kind, String message, String providerDetail) {
    ended = true;
    sink.accept(new ChatEvent.Failed(new ProxyError(kind, 502, message, true, null, providerDetail)));
  }

  private static String itemKey(JsonNode e) {
    String id = Json.text(e, "item_id");
    return id != null ? id : "#" + e.path("output_index").asInt(-1);
  }
}
