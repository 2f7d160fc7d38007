package dev.lip.fakes;

import dev.lip.protocol.ClientDialect;
import dev.lip.protocol.WireDialect;
import dev.lip.protocol.anthropic.AnthropicDialect;
import dev.lip.protocol.gemini.GeminiDialect;
import dev.lip.protocol.openai.OpenAiChatDialect;
import dev.lip.protocol.responses.ResponsesDialect;
import java.util.List;

/**
 * One of the proxy's chat doors as a test client sees it: the dialect it speaks (both sides, so that a
 * test can encode requests and decode answers with the dialect's own codecs) and the path it posts to.
 */
public record ClientDoor(String name, ClientDialect client, WireDialect wire) {

  public static final ClientDoor CHAT = of("chat", new OpenAiChatDialect());
  public static final ClientDoor RESPONSES = of("responses", new ResponsesDialect());
  public static final ClientDoor ANTHROPIC = of("anthropic", new AnthropicDialect());
  public static final ClientDoor GEMINI = of("gemini", new GeminiDialect());

  private static <D extends ClientDialect & WireDialect> ClientDoor of(String name, D dialect) {
    return new ClientDoor(name, dialect, dialect);
  }

  /** Every chat door. */
  public static List<ClientDoor> all() {
    return List.of(CHAT, RESPONSES, ANTHROPIC, GEMINI);
  }

  /** The path a request for {@code selector} goes to (Gemini names the model and the streaming in the URL). */
  public String path(String selector, boolean stream) {
    switch (name) {
      case "chat":
        return "/v1/chat/completions";
      case "responses":
        return "/v1/responses";
      case "anthropic":
        return "/v1/messages";
      default:
        return "/v1beta/models/" + selector + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent");
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
