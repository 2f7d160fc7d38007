package dev.lip.protocol;

import dev.lip.model.ChatResponse;
import java.util.Objects;

/**
 * What a complete (non-streamed) provider answer with status 200 holds: a response, or an error the
 * provider sent as the body instead ({@link WireDialect#decodeAnswer}).
 */
public sealed interface ProviderAnswer {

  /** The body decoded into a response. */
  record Decoded(ChatResponse response) implements ProviderAnswer {
    public Decoded {
      Objects.requireNonNull(response, "response");
    }
  }

  /**
   * The body is an error object ({@code {"error":{…}}}).
   *
   * @param message the provider's message as sent (secrets not yet redacted), or {@code null}
   */
  record Failed(String message) implements ProviderAnswer {
  }
}
