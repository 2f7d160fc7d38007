package dev.lip.backend.providers;

import dev.lip.backend.Provider;
import dev.lip.config.BackendConfig;
import dev.lip.protocol.anthropic.AnthropicDialect;
import dev.lip.protocol.gemini.GeminiDialect;
import dev.lip.protocol.openai.OpenAiChatDialect;
import dev.lip.protocol.responses.ResponsesDialect;
import io.vertx.core.Vertx;

/** Makes the {@link Provider} for a configured backend type (the types of {@link dev.lip.config.BackendTypes}). */
public final class Providers {
  private Providers() {
  }

  /** The provider for {@code config}, created on the calling verticle's context. */
  public static Provider create(Vertx vertx, BackendConfig config) {
    switch (config.type()) {
      case "openai":
        return new HttpProvider(vertx, config, new OpenAiChatDialect(), HttpProvider.Auth.BEARER);
      case "openai-responses":
        return new HttpProvider(vertx, config, new ResponsesDialect(), HttpProvider.Auth.BEARER);
      case "anthropic":
        return new HttpProvider(vertx, config, new AnthropicDialect(), HttpProvider.Auth.ANTHROPIC);
      case "gemini":
        return new HttpProvider(vertx, config, new GeminiDialect(), HttpProvider.Auth.GOOGLE);
      case "mock":
        return new MockProvider(vertx);
      default:
        throw new IllegalArgumentException("unknown backend type '" + config.type() + "'");
    }
  }
}
