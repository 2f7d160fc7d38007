package dev.lip.protocol;

import dev.lip.model.ChatResponse;
import java.util.Objects;

/**
 * What a complete (non-streamed) provider answer with status 200 holds: a response, an error the
 * provider sent as the body instead, or something that is not an answer at all
 * ({@link WireDialect#decodeAnswer}).
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

  /**
   * The body is not a JSON object: not JSON, cut short, or another JSON value.
   *
   * @param reason what is wrong with it, without any of its content
   */
  record Unreadable(String reason) implements ProviderAnswer {
    /** The reason given for every body that is not a JSON object. */
    public static final Unreadable NOT_AN_OBJECT = new Unreadable("the body is not a JSON object");

    public Unreadable {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
