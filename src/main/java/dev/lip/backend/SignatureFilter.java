package dev.lip.backend;

import dev.lip.model.ChatRequest;
import dev.lip.model.Message;
import dev.lip.model.Part;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes out of a request, before a backend of one wire dialect encodes it, the blobs the
 * {@link SignatureLedger} knows another dialect produced, since that backend's provider would refuse the
 * whole request for them:
 * <ul>
 *   <li>a thinking part with a foreign signature keeps its text without the signature (encoders that need
 *       a signature then leave it out); one with no text is dropped;</li>
 *   <li>a tool call with a foreign signature loses the signature;</li>
 *   <li>redacted thinking with foreign data is dropped;</li>
 *   <li>a message left with no part is dropped.</li>
 * </ul>
 * Blobs the ledger never saw (from before a restart, or from a conversation the client had with a provider
 * directly) are left alone. A request with nothing to take out is returned as the same instance, without
 * allocating: only parts that carry a blob are looked up.
 */
final class SignatureFilter {
  private final SignatureLedger ledger;
  private final String dialect;

  /** @param dialect the wire dialect the filtered requests are sent in */
  SignatureFilter(SignatureLedger ledger, String dialect) {
    this.ledger = ledger;
    this.dialect = dialect;
  }

  /** {@code request} without foreign blobs; {@code request} itself when it has none. */
  ChatRequest apply(ChatRequest request) {
    List<Message> messages = request.messages();
    for (int i = 0; i < messages.size(); i++) {
      List<Part> parts = messages.get(i).parts();
      List<Part> kept = keep(parts);
      if (kept != parts) {
        return request.withMessages(rewrite(messages, i, kept));
      }
    }
    return request;
  }

  /** The messages, from the first that changed ({@code first}, whose parts are now {@code firstParts}). */
  private List<Message> rewrite(List<Message> messages, int first, List<Part> firstParts) {
    List<Message> out = new ArrayList<>(messages.size());
    out.addAll(messages.subList(0, first));
    add(out, messages.get(first), firstParts);
    for (int i = first + 1; i < messages.size(); i++) {
      add(out, messages.get(i), keep(messages.get(i).parts()));
    }
    return out;
  }

  /** Adds {@code message} with {@code parts}, unless the filter left it empty. */
  private static void add(List<Message> out, Message message, List<Part> parts) {
    if (parts == message.parts()) {
      out.add(message);
    } else if (!parts.isEmpty()) {
      out.add(new Message(message.role(), parts, message.name()));
    }
  }

  /** The parts without foreign blobs; {@code parts} itself when it has none. */
  private List<Part> keep(List<Part> parts) {
    for (int i = 0; i < parts.size(); i++) {
      Part part = parts.get(i);
      Part kept = keep(part);
      if (kept != part) {
        List<Part> out = new ArrayList<>(parts.size());
        out.addAll(parts.subList(0, i));
        if (kept != null) {
          out.add(kept);
        }
        for (int j = i + 1; j < parts.size(); j++) {
          Part next = keep(parts.get(j));
          if (next != null) {
            out.add(next);
          }
        }
        return out;
      }
    }
    return parts;
  }

  /** {@code part} itself, the part without its foreign blob, or {@code null} when nothing is left of it. */
  private Part keep(Part part) {
    if (part instanceof Part.Thinking thinking && foreign(thinking.signature())) {
      return thinking.text().isEmpty() ? null : new Part.Thinking(thinking.text(), null, thinking.cacheControl());
    }
    if (part instanceof Part.ToolCall call && foreign(call.signature())) {
      return new Part.ToolCall(call.id(), call.name(), call.arguments(), null, call.cacheControl());
    }
    if (part instanceof Part.RedactedThinking redacted && foreign(redacted.data())) {
      return null;
    }
    return part;
  }

  private boolean foreign(String blob) {
    if (blob == null) {
      return false;
    }
    String origin = ledger.origin(blob);
    return origin != null && !origin.equals(dialect);
  }
}
