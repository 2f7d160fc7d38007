package dev.lip.frontend;

import dev.lip.protocol.ClientDialect;
import dev.lip.protocol.anthropic.AnthropicDialect;
import dev.lip.protocol.gemini.GeminiDialect;
import dev.lip.protocol.openai.OpenAiChatDialect;
import dev.lip.protocol.responses.ResponsesDialect;

/** The client dialects of the doors, and which one speaks for a path (errors outside any door). */
final class Dialects {
  final OpenAiChatDialect openAi = new OpenAiChatDialect();
  final AnthropicDialect anthropic = new AnthropicDialect();
  final GeminiDialect gemini = new GeminiDialect();
  final ResponsesDialect responses = new ResponsesDialect();

  /** The dialect a client calling {@code path} understands; OpenAI's when the path says nothing. */
  ClientDialect forPath(String path) {
    if (path.startsWith("/anthropic/") || path.startsWith("/v1/messages") || path.startsWith("/messages")) {
      return anthropic;
    }
    if (path.startsWith("/v1beta/") || (path.startsWith("/v1/models/") && path.contains(":"))) {
      return gemini;
    }
    if (path.startsWith("/v1/responses") || path.startsWith("/responses")) {
      return responses;
    }
    return openAi;
  }
}
