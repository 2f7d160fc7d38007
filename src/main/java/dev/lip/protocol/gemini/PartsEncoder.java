package dev.lip.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lip.model.Part;
import dev.lip.protocol.Json;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Canonical parts → Gemini parts, shared by the request encoder (model turns) and the response encoder.
 *
 * <p>Signatures: a thinking part with text becomes {@code {text, thought:true, thoughtSignature?}}; a
 * signature-only thinking part ({@code text} empty) is attached as {@code thoughtSignature} to the part that
 * follows it when that part has no signature of its own (Gemini puts signatures on the first answer or
 * {@code functionCall} part), else it is sent alone as {@code {text:"", thoughtSignature}}, as Gemini itself
 * does at the end of a stream. Redacted thinking (Anthropic-only) is dropped.
 */
final class PartsEncoder {
  private final ArrayNode out;
  private final Set<String> customTools;
  private final boolean omitSynthesizedIds;
  private String pendingSignature;

  /**
   * @param customTools        names of free-form tools, whose raw input is wrapped as {@code {"input": …}}
   * @param omitSynthesizedIds whether ids this dialect made up are left out (when talking to Gemini)
   */
  PartsEncoder(ArrayNode out, Set<String> customTools, boolean omitSynthesizedIds) {
    this.out = out;
    this.customTools = customTools;
    this.omitSynthesizedIds = omitSynthesizedIds;
  }

  /** Encodes the parts of one model turn and flushes any signature left over. */
  static ArrayNode modelParts(List<Part> parts, Set<String> customTools, boolean omitSynthesizedIds) {
    PartsEncoder enc = new PartsEncoder(Json.NODES.arrayNode(parts.size()), customTools, omitSynthesizedIds);
    for (Part p : parts) {
      enc.add(p);
    }
    enc.flush();
    return enc.out;
  }

  void add(Part p) {
    if (p instanceof Part.Thinking th) {
      if (th.text().isEmpty()) {
        if (th.signature() != null) {
          flush();
          pendingSignature = th.signature();
        }
        return;
      }
      signed(text(th.text()).put("thought", true), th.signature());
    } else if (p instanceof Part.Text t) {
      signed(text(t.text()), null);
    } else if (p instanceof Part.ToolCall c) {
      signed(functionCall(c.id(), c.name(), c.arguments()), c.signature());
    } else if (p instanceof Part.Image i) {
      signed(image(i), null);
    }
  }

  /** The parts encoded so far (the stream encoder empties it after each chunk). */
  ArrayNode out() {
    return out;
  }

  /** Sends a signature still waiting for a part as a part of its own. */
  void flush() {
    if (pendingSignature != null) {
      out.add(text("").put("thoughtSignature", pendingSignature));
      pendingSignature = null;
    }
  }

  /** Appends {@code part}, signed with its own signature or else the pending one. */
  private void signed(ObjectNode part, String own) {
    if (own != null) {
      flush();
    }
    String signature = own != null ? own : pendingSignature;
    pendingSignature = null;
    out.add(part);
    if (signature != null) {
      part.put("thoughtSignature", signature);
    }
  }

  private static ObjectNode text(String text) {
    return Json.NODES.objectNode().put("text", text);
  }

  /** {@code {functionCall:{id?, name, args}}}: arguments that are not a JSON object are wrapped as input. */
  ObjectNode functionCall(String id, String name, String arguments) {
    ObjectNode part = Json.NODES.objectNode();
    ObjectNode call = part.putObject("functionCall");
    if (!(omitSynthesizedIds && ToolIds.synthesized(id))) {
      call.put("id", id);
    }
    call.put("name", name);
    call.set("args", args(arguments, customTools.contains(name)));
    return part;
  }

  static JsonNode args(String arguments, boolean custom) {
    JsonNode parsed = custom ? null : Json.parseOrNull(arguments);
    if (parsed != null && parsed.isObject()) {
      return parsed;
    }
    return Json.NODES.objectNode().put("input", arguments);
  }

  /** {@code inlineData} for base64 data, {@code fileData} for URLs (MIME type guessed from the extension). */
  static ObjectNode image(Part.Image i) {
    ObjectNode part = Json.NODES.objectNode();
    if (i.data() != null) {
      part.putObject("inlineData").put("mimeType", i.mediaType() != null ? i.mediaType() : "image/png")
          .put("data", i.data());
    } else {
      ObjectNode file = part.putObject("fileData");
      String mime = i.mediaType() != null ? i.mediaType() : guessMime(i.url());
      if (mime != null) {
        file.put("mimeType", mime);
      }
      file.put("fileUri", i.url());
    }
    return part;
  }

  private static String guessMime(String url) {
    String path = url.toLowerCase(Locale.ROOT);
    int cut = path.indexOf('?');
    if (cut >= 0) {
      path = path.substring(0, cut);
    }
    if (path.endsWith(".png")) {
      return "image/png";
    } else if (path.endsWith(".jpg") || path.endsWith(".jpeg")) {
      return "image/jpeg";
    } else if (path.endsWith(".webp")) {
      return "image/webp";
    } else if (path.endsWith(".gif")) {
      return "image/gif";
    } else if (path.endsWith(".heic")) {
      return "image/heic";
    } else if (path.endsWith(".pdf")) {
      return "application/pdf";
    }
    return null;
  }
}
