package dev.lip.protocol.responses;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lip.model.ChatEvent;
import dev.lip.model.ChatRequest;
import dev.lip.model.ProxyError;
import dev.lip.model.Usage;
import dev.lip.protocol.Json;
import dev.lip.protocol.StreamEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Canonical events → Responses SSE frames ({@code event: <type>\ndata: {…}\n\n}); every payload carries its
 * {@code type} and a {@code sequence_number} counting from 0.
 *
 * <p>{@link ChatEvent.Started} (or, failing that, the first content event, with a made-up id and the request
 * model) yields {@code response.created} and {@code response.in_progress}. Then each output item in order:
 * <ul>
 *   <li>reasoning: {@code output_item.added}, {@code reasoning_summary_part.added},
 *       {@code reasoning_summary_text.delta}…, and on close {@code reasoning_summary_text.done},
 *       {@code reasoning_summary_part.done}, {@code output_item.done} whose item carries the thinking signature
 *       as {@code encrypted_content} (a signature-only reasoning has no summary part events). Thinking text
 *       after a signature starts a new reasoning item; redacted (encrypted) thinking is one finished
 *       reasoning item without summary, its data as {@code encrypted_content};</li>
 *   <li>message: {@code output_item.added}, {@code content_part.added}, {@code output_text.delta}…, and on
 *       close {@code output_text.done}, {@code content_part.done}, {@code output_item.done};</li>
 *   <li>tool call: {@code output_item.added} (empty arguments), {@code function_call_arguments.delta}…,
 *       {@code function_call_arguments.done}, {@code output_item.done} with the full arguments; for a tool the
 *       request defines as custom, a {@code custom_tool_call} item with {@code custom_tool_call_input.delta} /
 *       {@code .done}.</li>
 * </ul>
 * A text or reasoning item is closed by the next item of another kind; tool calls stay open until their
 * {@link ChatEvent.ToolCallDone}, so the deltas of parallel calls may interleave (each event names its
 * {@code item_id} and {@code output_index}), and each call's done events follow all of its deltas.
 * {@link ChatEvent.Finished} closes what is open and yields {@code response.completed} (or
 * {@code response.incomplete} for a token limit or content filter) with every output item and the usage.
 * {@link ChatEvent.Failed} yields an {@code error} event and then {@code response.failed} (status
 * {@code failed}, {@code error {code, message}}, the items finished so far): Codex needs a terminal
 * {@code response.*} event and reads the error code from it.
 */
final class ResponsesStreamEncoder implements StreamEncoder {
  /** The code on which Codex compacts its history and tries again. */
  private static final String CONTEXT_LENGTH_EXCEEDED = "context_length_exceeded";

  private final ChatRequest request;
  private final long createdAt;
  private final StringBuilder out = new StringBuilder(256);
  private final List<ObjectNode> items = new ArrayList<>();
  private final Map<Integer, Call> calls = new TreeMap<>();
  private String responseId;
  private String model;
  private int sequence;
  private Open open;
  private Usage usage = Usage.ZERO;
  private boolean ended;

  /** The text or reasoning item being streamed. */
  private static final class Open {
    final boolean reasoning;
    final int outputIndex;
    final String itemId;
    final StringBuilder text = new StringBuilder();
    boolean partOpen;
    String signature;

    Open(boolean reasoning, int outputIndex, String itemId) {
      this.reasoning = reasoning;
      this.outputIndex = outputIndex;
      this.itemId = itemId;
    }
  }

  private static final class Call {
    final int outputIndex;
    final String itemId;
    final String callId;
    final String name;
    final boolean custom;
    final StringBuilder arguments = new StringBuilder();
    boolean done;

    Call(int outputIndex, String itemId, String callId, String name, boolean custom) {
      this.outputIndex = outputIndex;
      this.itemId = itemId;
      this.callId = callId;
      this.name = name;
      this.custom = custom;
    }
  }

  ResponsesStreamEncoder(ChatRequest request, long createdEpochSeconds) {
    this.request = request;
    this.createdAt = createdEpochSeconds;
  }

  @Override
  public String encode(ChatEvent event) {
    if (ended) {
      return "";
    }
    out.setLength(0);
    if (event instanceof ChatEvent.Started s) {
      start(s.id(), s.model());
    } else if (event instanceof ChatEvent.TextDelta t) {
      text(t.text());
    } else if (event instanceof ChatEvent.ThinkingDelta t) {
      thinking(t.text(), t.signature());
    } else if (event instanceof ChatEvent.RedactedThinking r) {
      redacted(r.data());
    } else if (event instanceof ChatEvent.ToolCallStarted s) {
      callStarted(s);
    } else if (event instanceof ChatEvent.ToolCallDelta d) {
      callDelta(d.index(), d.argumentsFragment());
    } else if (event instanceof ChatEvent.ToolCallDone d) {
      Call call = calls.get(d.index());
      if (call != null) {
        closeCall(call);
      }
    } else if (event instanceof ChatEvent.UsageReport u) {
      usage = usage.merge(u.usage());
    } else if (event instanceof ChatEvent.Finished f) {
      start(null, null);
      closeAll(ResponseJson.incompleteReason(f.reason()) == null ? "completed" : "incomplete");
      ObjectNode response = response("completed");
      response.set("output", output());
      ResponseJson.finish(response, f.reason());
      response.set("usage", ResponseJson.usage(usage));
      String type = "completed".equals(response.get("status").textValue()) ? "response.completed"
          : "response.incomplete";
      emit(type, Json.NODES.objectNode().set("response", response));
      ended = true;
    } else if (event instanceof ChatEvent.Failed f) {
      failed(f.error());
    }
    return out.toString();
  }

  // ---- response lifecycle ----

  /** Emits created and in_progress once; {@code id} null means make one up. */
  private void start(String id, String startedModel) {
    if (responseId != null) {
      return;
    }
    responseId = id != null && !id.isEmpty() ? id : "resp_" + UUID.randomUUID().toString().replace("-", "");
    model = startedModel != null && !startedModel.isEmpty() ? startedModel : request.selector();
    emit("response.created", Json.NODES.objectNode().set("response", response("in_progress")));
    emit("response.in_progress", Json.NODES.objectNode().set("response", response("in_progress")));
  }

  private ObjectNode response(String status) {
    return ResponseJson.response(responseId, model, createdAt, status, request);
  }

  /** The finished items in output order. */
  private ArrayNode output() {
    ArrayNode output = Json.NODES.arrayNode(items.size());
    for (ObjectNode item : items) {
      if (item != null) {
        output.add(item);
      }
    }
    return output;
  }

  private void failed(ProxyError error) {
    String code = failureCode(error);
    ObjectNode e = Json.NODES.objectNode().put("code", code).put("message", error.message())
        .put("param", error.param());
    emit("error", e);
    if (responseId == null) {
      responseId = "resp_" + UUID.randomUUID().toString().replace("-", "");
      model = request.selector();
    }
    ObjectNode response = response("failed");
    response.set("output", output());
    response.putObject("error").put("code", code).put("message", error.message());
    emit("response.failed", Json.NODES.objectNode().set("response", response));
    ended = true;
  }

  /**
   * The Responses error code for a failure: the codes Codex acts on ({@code insufficient_quota},
   * {@code context_length_exceeded}, {@code rate_limit_exceeded}), {@code invalid_prompt} for invalid
   * requests, {@code server_error} otherwise.
   */
  static String failureCode(ProxyError error) {
    switch (error.kind()) {
      case RATE_LIMITED:
        return "insufficient_quota".equals(error.providerDetail()) ? "insufficient_quota" : "rate_limit_exceeded";
      case REQUEST_TOO_LARGE:
        return CONTEXT_LENGTH_EXCEEDED;
      case INVALID_REQUEST:
        return CONTEXT_LENGTH_EXCEEDED.equals(error.providerDetail()) ? CONTEXT_LENGTH_EXCEEDED : "invalid_prompt";
      default:
        return "server_error";
    }
  }

  // ---- text and reasoning ----

  private void text(String text) {
    if (text.isEmpty()) {
      return;
    }
    start(null, null);
    if (open != null && open.reasoning) {
      closeOpen();
    }
    if (open == null) {
      open = new Open(false, items.size(), ResponseJson.itemId("msg", responseId, items.size()));
      items.add(null);
      emit("response.output_item.added", itemEvent(open.outputIndex,
          ResponseJson.messageItem(open.itemId, "in_progress", null)));
      emit("response.content_part.added", contentEvent().set("part", ResponseJson.outputText("")));
    }
    open.text.append(text);
    ObjectNode delta = contentEvent().put("delta", text);
    delta.putArray("logprobs");
    emit("response.output_text.delta", delta);
  }

  private void thinking(String text, String signature) {
    if (text.isEmpty() && signature == null) {
      return;
    }
    start(null, null);
    if (open != null && (!open.reasoning || (open.signature != null && !text.isEmpty()))) {
      closeOpen();
    }
    if (open == null) {
      open = new Open(true, items.size(), ResponseJson.itemId("rs", responseId, items.size()));
      items.add(null);
      emit("response.output_item.added", itemEvent(open.outputIndex,
          ResponseJson.reasoningItem(open.itemId, "", null)));
    }
    if (!text.isEmpty()) {
      if (!open.partOpen) {
        open.partOpen = true;
        emit("response.reasoning_summary_part.added",
            summaryEvent().set("part", ResponseJson.summaryPart("")));
      }
      open.text.append(text);
      emit("response.reasoning_summary_text.delta", summaryEvent().put("delta", text));
    }
    if (signature != null) {
      open.signature = signature;
    }
  }

  /** Encrypted reasoning: one finished reasoning item without summary, the data as its encrypted content. */
  private void redacted(String data) {
    start(null, null);
    if (open != null) {
      closeOpen();
    }
    int outputIndex = items.size();
    ObjectNode item = ResponseJson.reasoningItem(ResponseJson.itemId("rs", responseId, outputIndex), "", data);
    items.add(item);
    emit("response.output_item.added", itemEvent(outputIndex, item));
    emit("response.output_item.done", itemEvent(outputIndex, item));
  }

  private void closeOpen() {
    closeOpen("completed");
  }

  private void closeOpen(String messageStatus) {
    Open o = open;
    open = null;
    String text = o.text.toString();
    ObjectNode item;
    if (o.reasoning) {
      if (o.partOpen) {
        emit("response.reasoning_summary_text.done", summaryEvent(o).put("text", text));
        emit("response.reasoning_summary_part.done", summaryEvent(o).set("part", ResponseJson.summaryPart(text)));
      }
      item = ResponseJson.reasoningItem(o.itemId, text, o.signature);
    } else {
      ObjectNode done = contentEvent(o).put("text", text);
      done.putArray("logprobs");
      emit("response.output_text.done", done);
      emit("response.content_part.done", contentEvent(o).set("part", ResponseJson.outputText(text)));
      item = ResponseJson.messageItem(o.itemId, messageStatus, text);
    }
    items.set(o.outputIndex, item);
    emit("response.output_item.done", itemEvent(o.outputIndex, item));
  }

  // ---- tool calls ----

  private void callStarted(ChatEvent.ToolCallStarted s) {
    start(null, null);
    if (open != null) {
      closeOpen();
    }
    boolean custom = RequestEncoder.isCustom(s.name(), request.tools());
    int outputIndex = items.size();
    Call call = new Call(outputIndex, ResponseJson.itemId(custom ? "ctc" : "fc", responseId, outputIndex), s.id(),
        s.name(), custom);
    items.add(null);
    calls.put(s.index(), call);
    emit("response.output_item.added", itemEvent(outputIndex,
        ResponseJson.callItem(call.itemId, custom, call.callId, call.name, "", "in_progress")));
  }

  private void callDelta(int index, String fragment) {
    Call call = calls.get(index);
    if (call == null || call.done || fragment.isEmpty()) {
      return;
    }
    call.arguments.append(fragment);
    emit(call.custom ? "response.custom_tool_call_input.delta" : "response.function_call_arguments.delta",
        callEvent(call).put("delta", fragment));
  }

  private void closeCall(Call call) {
    if (call.done) {
      return;
    }
    call.done = true;
    String arguments = call.arguments.toString();
    if (call.custom) {
      emit("response.custom_tool_call_input.done", callEvent(call).put("input", arguments));
    } else {
      emit("response.function_call_arguments.done", callEvent(call).put("name", call.name)
          .put("arguments", arguments));
    }
    ObjectNode item = ResponseJson.callItem(call.itemId, call.custom, call.callId, call.name, arguments,
        "completed");
    items.set(call.outputIndex, item);
    emit("response.output_item.done", itemEvent(call.outputIndex, item));
  }

  /** Closes the open text or reasoning item (a message with {@code messageStatus}) and all open calls. */
  private void closeAll(String messageStatus) {
    if (open != null) {
      closeOpen(messageStatus);
    }
    for (Call call : calls.values()) {
      closeCall(call);
    }
  }

  // ---- event payloads ----

  private static ObjectNode itemEvent(int outputIndex, ObjectNode item) {
    ObjectNode e = Json.NODES.objectNode().put("output_index", outputIndex);
    e.set("item", item);
    return e;
  }

  private ObjectNode contentEvent() {
    return contentEvent(open);
  }

  private static ObjectNode contentEvent(Open o) {
    return Json.NODES.objectNode().put("item_id", o.itemId).put("output_index", o.outputIndex)
        .put("content_index", 0);
  }

  private ObjectNode summaryEvent() {
    return summaryEvent(open);
  }

  private static ObjectNode summaryEvent(Open o) {
    return Json.NODES.objectNode().put("item_id", o.itemId).put("output_index", o.outputIndex)
        .put("summary_index", 0);
  }

  private static ObjectNode callEvent(Call call) {
    return Json.NODES.objectNode().put("item_id", call.itemId).put("output_index", call.outputIndex);
  }

  /** Appends one frame: {@code type} first, the payload's members, then the sequence number. */
  private void emit(String type, ObjectNode payload) {
    ObjectNode e = Json.NODES.objectNode().put("type", type);
    e.setAll(payload);
    e.put("sequence_number", sequence++);
    out.append("event: ").append(type).append("\ndata: ").append(Json.write(e)).append("\n\n");
  }
}
