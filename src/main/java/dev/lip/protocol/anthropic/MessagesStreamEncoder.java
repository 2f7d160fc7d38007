package dev.lip.protocol.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lip.model.ChatEvent;
import dev.lip.model.ChatRequest;
import dev.lip.model.StopReason;
import dev.lip.model.Usage;
import dev.lip.protocol.Json;
import dev.lip.protocol.StreamEncoder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Canonical events → Messages SSE frames ({@code event: X\ndata: {…}\n\n}).
 *
 * <p>The stream is {@code message_start} (sent at {@link ChatEvent.Started}, or before the first content
 * with a made-up id and the request model), then content blocks with increasing {@code index}, then
 * {@code message_delta} and {@code message_stop}. Exactly one block is open at a time and every block gets
 * its {@code content_block_stop}: text and thinking deltas continue the open block of their kind or close
 * the open block and start a new one; a thinking block that already got its signature is closed before
 * more thinking text (each signature seals one block); every tool call is its own {@code tool_use} block,
 * started with {@code input: {}} and fed by {@code input_json_delta}s.
 *
 * <p>Blocks cannot interleave, but canonical events may: an OpenAI upstream streams the arguments of
 * parallel calls alternately. While a {@code tool_use} block is open, every content event that does not
 * belong to its call (other calls' events, text, thinking) is held back in arrival order and replayed when
 * the call is done ({@link ChatEvent.ToolCallDone}), or at the end of the stream, where calls still open are
 * closed one after the other. No fragment is lost or reordered within its call.
 *
 * <p>{@code message_delta} carries the stop reason ({@code tool_use} when tool calls were sent and the
 * answer ended naturally) and the full usage of the last {@link ChatEvent.UsageReport}s, merged. A
 * {@link ChatEvent.Failed} is written as {@code event: error} with the Anthropic error body and ends the
 * stream at once, without closing an open block first: that is what the Anthropic API itself does, and its
 * SDKs raise on the error event and discard the partial message anyway. Nothing is written after a
 * terminal event.
 */
final class MessagesStreamEncoder implements StreamEncoder {
  private enum Block { NONE, TEXT, THINKING, TOOL }

  private final ChatRequest request;
  private final StringBuilder out = new StringBuilder(256);
  private final Set<Integer> startedCalls = new HashSet<>();
  private List<ChatEvent> deferred = new ArrayList<>();
  private String id;
  private String model;
  private boolean headSent;
  private Block open = Block.NONE;
  private int openIndex = -1;
  private int openCall = -1;
  private boolean signed;
  private int nextIndex;
  private boolean toolUse;
  private Usage usage = Usage.ZERO;
  private boolean ended;

  MessagesStreamEncoder(ChatRequest request) {
    this.request = request;
  }

  @Override
  public String encode(ChatEvent event) {
    if (ended) {
      return "";
    }
    out.setLength(0);
    render(event);
    return out.toString();
  }

  private void render(ChatEvent event) {
    if (event instanceof ChatEvent.Started s) {
      if (!headSent) {
        id = s.id();
        model = s.model().isEmpty() ? request.selector() : s.model();
        head();
      }
    } else if (event instanceof ChatEvent.UsageReport u) {
      usage = usage.merge(u.usage());
    } else if (event instanceof ChatEvent.Finished f) {
      drain();
      head();
      StopReason reason = toolUse && f.reason() == StopReason.END_TURN ? StopReason.TOOL_USE : f.reason();
      ObjectNode delta = Json.NODES.objectNode().put("type", "message_delta");
      delta.putObject("delta").put("stop_reason", StopReasons.toAnthropic(reason)).putNull("stop_sequence");
      delta.set("usage", UsageJson.toTree(usage));
      frame("message_delta", delta);
      frame("message_stop", Json.NODES.objectNode().put("type", "message_stop"));
      ended = true;
    } else if (event instanceof ChatEvent.Failed f) {
      frame("error", Errors.body(f.error()));
      ended = true;
    } else if (open == Block.TOOL && !ofOpenCall(event)) {
      deferred.add(event);
    } else {
      content(event);
    }
  }

  private boolean ofOpenCall(ChatEvent event) {
    if (event instanceof ChatEvent.ToolCallDelta d) {
      return d.index() == openCall;
    }
    if (event instanceof ChatEvent.ToolCallDone d) {
      return d.index() == openCall;
    }
    return false;
  }

  private void content(ChatEvent event) {
    if (event instanceof ChatEvent.TextDelta t) {
      if (t.text().isEmpty()) {
        return;
      }
      if (open != Block.TEXT) {
        start(Block.TEXT, Json.NODES.objectNode().put("type", "text").put("text", ""));
      }
      delta(Json.NODES.objectNode().put("type", "text_delta").put("text", t.text()));
    } else if (event instanceof ChatEvent.ThinkingDelta t) {
      boolean hasText = !t.text().isEmpty();
      if (!hasText && t.signature() == null) {
        return;
      }
      if (open != Block.THINKING || (signed && hasText)) {
        start(Block.THINKING, Json.NODES.objectNode().put("type", "thinking").put("thinking", "")
            .put("signature", ""));
        signed = false;
      }
      if (hasText) {
        delta(Json.NODES.objectNode().put("type", "thinking_delta").put("thinking", t.text()));
      }
      if (t.signature() != null) {
        delta(Json.NODES.objectNode().put("type", "signature_delta").put("signature", t.signature()));
        signed = true;
      }
    } else if (event instanceof ChatEvent.RedactedThinking r) {
      start(Block.THINKING, Json.NODES.objectNode().put("type", "redacted_thinking").put("data", r.data()));
      close();
    } else if (event instanceof ChatEvent.ToolCallStarted s) {
      if (!startedCalls.add(s.index())) {
        return;
      }
      ObjectNode block = Json.NODES.objectNode().put("type", "tool_use").put("id", s.id()).put("name", s.name());
      block.putObject("input");
      start(Block.TOOL, block);
      openCall = s.index();
      toolUse = true;
    } else if (event instanceof ChatEvent.ToolCallDelta d) {
      if (open == Block.TOOL && d.index() == openCall && !d.argumentsFragment().isEmpty()) {
        delta(Json.NODES.objectNode().put("type", "input_json_delta").put("partial_json", d.argumentsFragment()));
      }
    } else if (event instanceof ChatEvent.ToolCallDone d) {
      if (open == Block.TOOL && d.index() == openCall) {
        close();
        replay();
      }
    }
  }

  /** Renders the held-back events again, in order; some may be held back anew. */
  private void replay() {
    if (deferred.isEmpty()) {
      return;
    }
    List<ChatEvent> pending = deferred;
    deferred = new ArrayList<>();
    for (ChatEvent e : pending) {
      render(e);
    }
  }

  /** At the end of the stream: closes open calls one after the other until nothing is held back. */
  private void drain() {
    do {
      close();
      replay();
    } while (open == Block.TOOL || !deferred.isEmpty());
    close();
  }

  private void start(Block kind, ObjectNode contentBlock) {
    head();
    close();
    open = kind;
    openIndex = nextIndex++;
    ObjectNode start = Json.NODES.objectNode().put("type", "content_block_start").put("index", openIndex);
    start.set("content_block", contentBlock);
    frame("content_block_start", start);
  }

  private void delta(ObjectNode delta) {
    ObjectNode event = Json.NODES.objectNode().put("type", "content_block_delta").put("index", openIndex);
    event.set("delta", delta);
    frame("content_block_delta", event);
  }

  private void close() {
    if (open == Block.NONE) {
      return;
    }
    frame("content_block_stop", Json.NODES.objectNode().put("type", "content_block_stop").put("index", openIndex));
    open = Block.NONE;
    openCall = -1;
  }

  /** Sends {@code message_start} unless it was sent. */
  private void head() {
    if (headSent) {
      return;
    }
    headSent = true;
    if (id == null) {
      id = "msg_" + UUID.randomUUID().toString().replace("-", "");
      model = request.selector();
    }
    ObjectNode start = Json.NODES.objectNode().put("type", "message_start");
    ObjectNode message = start.putObject("message").put("id", id).put("type", "message").put("role", "assistant");
    message.putArray("content");
    message.put("model", model).putNull("stop_reason").putNull("stop_sequence");
    ObjectNode startUsage = UsageJson.toTree(usage);
    message.set("usage", startUsage);
    frame("message_start", start);
  }

  private void frame(String event, ObjectNode data) {
    out.append("event: ").append(event).append("\ndata: ").append(Json.write(data)).append("\n\n");
  }
}
