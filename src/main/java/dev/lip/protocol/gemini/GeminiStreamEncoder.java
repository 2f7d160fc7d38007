package dev.lip.protocol.gemini;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lip.model.ChatEvent;
import dev.lip.model.ChatRequest;
import dev.lip.model.Part;
import dev.lip.model.ToolDefinition;
import dev.lip.model.Usage;
import dev.lip.protocol.Json;
import dev.lip.protocol.StreamEncoder;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Canonical events → {@code data: {GenerateContentResponse}} SSE frames, with no end marker (Gemini has
 * none).
 *
 * <p>Each text or thinking delta is a chunk with one part (thinking as {@code {text, thought:true}}). A
 * signature-only thinking delta is held and attached as {@code thoughtSignature} to the next part, as Gemini
 * does (see {@link PartsEncoder}). A tool call is buffered, its argument fragments kept apart by index, and
 * sent whole as one {@code functionCall} part (with its signature) at {@link ChatEvent.ToolCallDone}; calls
 * still open at {@link ChatEvent.Finished} go into the final chunk. {@link ChatEvent.Finished} yields a final
 * chunk with {@code finishReason} and {@code usageMetadata} (zeros when no usage was reported) whose parts are
 * {@code [{"text":""}]} when nothing else is left, like Gemini's own last chunk; {@link ChatEvent.Failed}
 * yields {@code {"error":{"code","message","status"}}}. Every chunk carries {@code modelVersion} and
 * {@code responseId}, from {@link ChatEvent.Started} or, failing that, the request's model and a made-up id.
 */
final class GeminiStreamEncoder implements StreamEncoder {
  private final ChatRequest request;
  private final PartsEncoder parts;
  private final Map<Integer, Call> open = new TreeMap<>();
  private String modelVersion;
  private String responseId;
  private Usage usage = Usage.ZERO;
  private boolean ended;

  GeminiStreamEncoder(ChatRequest request) {
    this.request = request;
    Set<String> custom = new HashSet<>();
    for (ToolDefinition t : request.tools()) {
      if (t.kind() == ToolDefinition.Kind.CUSTOM) {
        custom.add(t.name());
      }
    }
    this.parts = new PartsEncoder(Json.NODES.arrayNode(), custom, false);
  }

  @Override
  public String encode(ChatEvent event) {
    if (ended) {
      return "";
    }
    if (event instanceof ChatEvent.TextDelta t) {
      return t.text().isEmpty() ? "" : add(Part.Text.of(t.text()));
    } else if (event instanceof ChatEvent.ThinkingDelta t) {
      return add(new Part.Thinking(t.text(), t.signature(), null));
    } else if (event instanceof ChatEvent.ToolCallStarted s) {
      open.put(s.index(), new Call(s.id(), s.name(), s.signature()));
    } else if (event instanceof ChatEvent.ToolCallDelta d) {
      Call call = open.get(d.index());
      if (call != null) {
        call.arguments.append(d.argumentsFragment());
      }
    } else if (event instanceof ChatEvent.ToolCallDone d) {
      Call call = open.remove(d.index());
      if (call != null) {
        return add(call.toPart());
      }
    } else if (event instanceof ChatEvent.UsageReport u) {
      usage = usage.merge(u.usage());
    } else if (event instanceof ChatEvent.Finished f) {
      for (Call call : open.values()) {
        parts.add(call.toPart());
      }
      open.clear();
      parts.flush();
      if (parts.out().isEmpty()) {
        parts.out().addObject().put("text", "");
      }
      ended = true;
      return frame(chunk(FinishReasons.toGemini(f.reason())));
    } else if (event instanceof ChatEvent.Failed f) {
      ended = true;
      return frame(Errors.body(f.error()));
    } else if (event instanceof ChatEvent.Started s) {
      modelVersion = s.model().isEmpty() ? request.selector() : s.model();
      responseId = s.id();
    }
    return "";
  }

  /** Encodes one part and, when that produced parts (a signature alone does not), a chunk. */
  private String add(Part part) {
    parts.add(part);
    return parts.out().isEmpty() ? "" : frame(chunk(null));
  }

  /**
   * A chunk holding (and taking) the parts encoded so far; with a finish reason, the final chunk, which also
   * carries the usage.
   */
  private ObjectNode chunk(String finishReason) {
    if (responseId == null) {
      responseId = UUID.randomUUID().toString().replace("-", "");
      modelVersion = request.selector();
    }
    ArrayNode taken = parts.out().deepCopy();
    parts.out().removeAll();
    ObjectNode chunk = Json.NODES.objectNode();
    ObjectNode candidate = chunk.putArray("candidates").addObject();
    ObjectNode content = candidate.putObject("content");
    content.set("parts", taken);
    content.put("role", "model");
    if (finishReason != null) {
      candidate.put("finishReason", finishReason);
    }
    candidate.put("index", 0);
    if (finishReason != null) {
      chunk.set("usageMetadata", UsageJson.toTree(usage));
    }
    chunk.put("modelVersion", modelVersion);
    chunk.put("responseId", responseId);
    return chunk;
  }

  private static String frame(ObjectNode payload) {
    return "data: " + Json.write(payload) + "\n\n";
  }

  private static final class Call {
    final String id;
    final String name;
    final String signature;
    final StringBuilder arguments = new StringBuilder();

    Call(String id, String name, String signature) {
      this.id = id;
      this.name = name;
      this.signature = signature;
    }

    Part.ToolCall toPart() {
      return new Part.ToolCall(id, name, arguments.toString(), signature, null);
    }
  }
}
