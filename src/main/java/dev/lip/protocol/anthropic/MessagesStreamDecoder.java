package dev.lip.protocol.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lip.model.ChatEvent;
import dev.lip.model.ProxyError;
import dev.lip.model.Usage;
import dev.lip.protocol.Json;
import dev.lip.protocol.StreamDecoder;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Messages SSE stream → canonical events.
 *
 * <p>Each content block is tracked by its provider {@code index}: {@code text} blocks yield
 * {@link ChatEvent.TextDelta}s, {@code thinking} blocks {@link ChatEvent.ThinkingDelta}s (a
 * {@code signature_delta} is a delta with empty text and the signature), {@code tool_use} blocks a
 * {@link ChatEvent.ToolCallStarted} with a canonical index that counts tool calls only, their
 * {@code input_json_delta}s and, at {@code content_block_stop}, a {@link ChatEvent.ToolCallDone};
 * {@code redacted_thinking} blocks a {@link ChatEvent.RedactedThinking}. Other blocks (server tool use and
 * results) have no canonical event and are skipped,
 * deltas included. Usage of {@code message_start} and {@code message_delta} is merged and reported just
 * before {@link ChatEvent.Finished} at {@code message_stop}. The event type is read from the payload's
 * {@code type}, else from the SSE {@code event:} name; {@code ping} and unknown events are ignored.
 *
 * <p>An {@code error} event ends the stream with {@link ChatEvent.Failed}: {@code overloaded_error} →
 * 529 {@code UNAVAILABLE}, {@code rate_limit_error} → 429, {@code api_error} and unknown types → 502
 * {@code UPSTREAM}, all retryable. Malformed JSON, and a stream that ends before {@code message_stop}
 * (and without a {@code stop_reason}), fail with a retryable 502. This class never throws.
 */
final class MessagesStreamDecoder implements StreamDecoder {
  /** Provider block index → canonical tool index, for open {@code tool_use} blocks. */
  private final Map<Integer, Integer> toolByBlock = new HashMap<>();
  /** Provider block index → block type, for open blocks. */
  private final Map<Integer, String> typeByBlock = new HashMap<>();
  private int toolCount;
  private String stopReason;
  private boolean stopSeen;
  private Usage usage = Usage.ZERO;
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
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(payload);
    } catch (JsonProcessingException e) {
      fail(sink, new ProxyError(ProxyError.Kind.UPSTREAM, 502, "upstream sent a malformed stream event", true,
          null, null));
      return;
    }
    if (node == null || !node.isObject()) {
      fail(sink, new ProxyError(ProxyError.Kind.UPSTREAM, 502, "upstream sent a malformed stream event", true,
          null, null));
      return;
    }
    String type = Json.text(node, "type");
    if (type == null) {
      type = event == null ? "" : event;
    }
    switch (type) {
      case "message_start":
        JsonNode startUsage = node.path("message").path("usage");
        if (startUsage.isObject()) {
          usage = usage.merge(UsageJson.fromTree(startUsage));
        }
        break;
      case "content_block_start":
        blockStart(node, sink);
        break;
      case "content_block_delta":
        blockDelta(node, sink);
        break;
      case "content_block_stop":
        blockStop(node.path("index").asInt(-1), sink);
        break;
      case "message_delta":
        String reason = Json.text(node.path("delta"), "stop_reason");
        if (reason != null) {
          stopReason = reason;
          stopSeen = true;
        }
        JsonNode deltaUsage = node.path("usage");
        if (deltaUsage.isObject()) {
          usage = usage.merge(partialUsage(deltaUsage));
        }
        break;
      case "message_stop":
        finish(sink);
        break;
      case "error":
        JsonNode error = node.path("error");
        fail(sink, Errors.fromType(Json.text(error, "type"), Json.text(error, "message")));
        break;
      default:
        break;
    }
  }

  /**
   * The usage of a {@code message_delta}: output tokens always, input counts only when present (newer API
   * versions repeat them; absent ones must not erase what {@code message_start} said).
   */
  private static Usage partialUsage(JsonNode node) {
    if (node.has("input_tokens") || node.has("cache_read_input_tokens")
        || node.has("cache_creation_input_tokens")) {
      return UsageJson.fromTree(node);
    }
    return new Usage(0, Json.count(node, "output_tokens"), 0, 0, 0);
  }

  private void blockStart(JsonNode node, Consumer<ChatEvent> sink) {
    int index = node.path("index").asInt(-1);
    JsonNode block = node.path("content_block");
    String type = Json.text(block, "type");
    if (type == null) {
      return;
    }
    typeByBlock.put(index, type);
    switch (type) {
      case "text":
        String text = Json.text(block, "text");
        if (text != null && !text.isEmpty()) {
          sink.accept(new ChatEvent.TextDelta(text));
        }
        break;
      case "thinking":
        String thinking = Json.text(block, "thinking");
        String signature = Json.text(block, "signature");
        if (signature != null && signature.isEmpty()) {
          signature = null;
        }
        if ((thinking != null && !thinking.isEmpty()) || signature != null) {
          sink.accept(new ChatEvent.ThinkingDelta(thinking == null ? "" : thinking, signature));
        }
        break;
      case "redacted_thinking":
        String data = Json.text(block, "data");
        if (data != null) {
          sink.accept(new ChatEvent.RedactedThinking(data));
        }
        break;
      case "tool_use":
        int canonical = toolCount++;
        toolByBlock.put(index, canonical);
        String id = Json.text(block, "id");
        String name = Json.text(block, "name");
        sink.accept(new ChatEvent.ToolCallStarted(canonical, id != null ? id : "toolu_" + canonical,
            name != null ? name : ""));
        JsonNode input = block.get("input");
        if (input != null && input.isObject() && !input.isEmpty()) {
          sink.accept(new ChatEvent.ToolCallDelta(canonical, Json.write(input)));
        }
        break;
      default:
        break;
    }
  }

  private void blockDelta(JsonNode node, Consumer<ChatEvent> sink) {
    int index = node.path("index").asInt(-1);
    String blockType = typeByBlock.get(index);
    JsonNode delta = node.path("delta");
    String type = Json.text(delta, "type");
    if (type == null || blockType == null) {
      return;
    }
    switch (type) {
      case "text_delta":
        String text = Json.text(delta, "text");
        if (blockType.equals("text") && text != null && !text.isEmpty()) {
          sink.accept(new ChatEvent.TextDelta(text));
        }
        break;
      case "input_json_delta":
        Integer canonical = toolByBlock.get(index);
        String json = Json.text(delta, "partial_json");
        if (canonical != null && json != null && !json.isEmpty()) {
          sink.accept(new ChatEvent.ToolCallDelta(canonical, json));
        }
        break;
      case "thinking_delta":
        String thinking = Json.text(delta, "thinking");
        if (blockType.equals("thinking") && thinking != null && !thinking.isEmpty()) {
          sink.accept(new ChatEvent.ThinkingDelta(thinking, null));
        }
        break;
      case "signature_delta":
        String signature = Json.text(delta, "signature");
        if (blockType.equals("thinking") && signature != null && !signature.isEmpty()) {
          sink.accept(new ChatEvent.ThinkingDelta("", signature));
        }
        break;
      default:
        break;
    }
  }

  private void blockStop(int index, Consumer<ChatEvent> sink) {
    typeByBlock.remove(index);
    Integer canonical = toolByBlock.remove(index);
    if (canonical != null) {
      sink.accept(new ChatEvent.ToolCallDone(canonical));
    }
  }

  private void finish(Consumer<ChatEvent> sink) {
    toolByBlock.values().stream().sorted().forEach(i -> sink.accept(new ChatEvent.ToolCallDone(i)));
    toolByBlock.clear();
    if (!usage.isZero()) {
      sink.accept(new ChatEvent.UsageReport(usage));
    }
    ended = true;
    sink.accept(new ChatEvent.Finished(StopReasons.fromAnthropic(stopReason, toolCount > 0)));
  }

  @Override
  public void onEnd(Consumer<ChatEvent> sink) {
    if (ended) {
      return;
    }
    if (stopSeen) {
      finish(sink);
    } else {
      fail(sink, new ProxyError(ProxyError.Kind.UPSTREAM, 502, "upstream stream ended prematurely", true, null,
          null));
    }
  }

  private void fail(Consumer<ChatEvent> sink, ProxyError error) {
    ended = true;
    sink.accept(new ChatEvent.Failed(error));
  }
}
