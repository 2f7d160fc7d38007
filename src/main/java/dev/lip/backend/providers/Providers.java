package dev.lip.backend.providers;

import dev.lip.backend.Provider;
import dev.lip.config.BackendConfig;
import dev.lip.protocol.openai.OpenAiChatDialect;
import io.vertx.core.Vertx;
import java.util.List;

/** Makes the {@link Provider} for a configured backend type. */
public final class Providers {
  /** Every backend type this build knows. */
  public static final List<String> TYPES = List.of("openai", "mock");

  private Providers() {
  }

  /** The provider for {@code config}, created on the calling verticle's context. */
  public static Provider create(Vertx vertx, BackendConfig config) {
    switch (config.type()) {
      case "openai":
        return new HttpProvider(vertx, config, new OpenAiChatDialect(), HttpProvider.Auth.BEARER);
      case "mock":
        return new MockProvider(vertx);
      default:
        throw new IllegalArgumentException("unknown backend type '" + config.type() + "'");
    }
  }
}
