package dev.lip.model;

/**
 * A provider-independent estimate of a request's prompt tokens (about four characters a token), for the
 * token-count endpoints and for skipping targets whose context is too small; clients use it to decide
 * when to compact, not to bill.
 */
public final class TokenEstimate {
  private static final int CHARS_PER_TOKEN = 4;
  private static final int IMAGE_TOKENS = 1_000;

  private TokenEstimate() {
  }

  /** The estimated prompt tokens of {@code request}. */
  public static long of(ChatRequest request) {
    long chars = 0;
    long images = 0;
    for (Part part : request.system()) {
      chars += chars(part);
    }
    for (Message message : request.messages()) {
      for (Part part : message.parts()) {
        chars += chars(part);
        images += images(part);
      }
    }
    for (ToolDefinition tool : request.tools()) {
      chars += tool.name().length() + (tool.description() == null ? 0 : tool.description().length())
          + (tool.parameters() == null ? 0 : tool.parameters().toString().length());
    }
    return Math.max(1, (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN + images * IMAGE_TOKENS);
  }

  private static long chars(Part part) {
    if (part instanceof Part.Text t) {
      return t.text().length();
    } else if (part instanceof Part.ToolCall c) {
      return c.name().length() + c.arguments().length();
    } else if (part instanceof Part.ToolResult r) {
      long sum = 0;
      for (Part inner : r.content()) {
        sum += chars(inner);
      }
      return sum;
    } else if (part instanceof Part.Thinking t) {
      return t.text().length();
    }
    return 0;
  }

  private static long images(Part part) {
    if (part instanceof Part.Image) {
      return 1;
    } else if (part instanceof Part.ToolResult r) {
      return r.content().stream().filter(p -> p instanceof Part.Image).count();
    }
    return 0;
  }
}
