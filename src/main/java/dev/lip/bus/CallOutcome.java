package dev.lip.bus;

import dev.lip.model.ProxyError;
import java.util.Objects;

/** The router's reply to a {@link Call}. */
public sealed interface CallOutcome {

  /**
   * A backend has started answering; events flow on the stream address.
   *
   * @param sessionId the effective session id
   */
  record Routed(String sessionId, String backend, String model) implements CallOutcome {
    public Routed {
      Objects.requireNonNull(backend, "backend");
      Objects.requireNonNull(model, "model");
    }
  }

  /** The proxy answered by itself (an in-chat command); no backend was called and no event will come. */
  record Answered(String sessionId, String text) implements CallOutcome {
    public Answered {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * Nothing started, so no event will come: the client gets this error. Also a backend's reply to a
   * {@link Dispatch} that failed before its first content, so that the router may try another candidate.
   */
  record Rejected(ProxyError error) implements CallOutcome {
    public Rejected {
      Objects.requireNonNull(error, "error");
    }
  }
}
