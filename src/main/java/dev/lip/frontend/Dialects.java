package dev.lip.frontend;

import dev.lip.protocol.ClientDialect;
import dev.lip.protocol.anthropic.AnthropicDialect;
import dev.lip.protocol.gemini.GeminiDialect;
import dev.lip.protocol.openai.OpenAiChatDialect;

/** The client dialects of the doors, and which one speaks for a path (errors outside any door). */
final class Dialects {
  final OpenAiChatDialect openAi = new OpenAiChatDialect();
  final AnthropicDialect anthropic = new AnthropicDialect();
  final GeminiDialect gemini = new GeminiDialect();

  /** The dialect a client calling {@code path} understands; OpenAI's when the path says nothing. */
  ClientDialect forPath(String path) {
    if (path.startsWith("/anthropic/") || path.startsWith("/v1/messages") || path.startsWith("/messages")) {
      return anthropic;
    }
    if (path.startsWith("/v1beta/")) {
      return gemini;
    }
    return openAi;
  }
}
