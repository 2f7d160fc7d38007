package dev.lip.model;

import java.util.Objects;

/**
 * Any failure, anywhere: what each door renders in its own error dialect.
 *
 * @param kind           what went wrong
 * @param httpStatus     the honest HTTP status for the client
 * @param message        a message safe to show to the client (never a secret)
 * @param retryable      whether another attempt (same or other backend) may succeed
 * @param retryAfterSeconds the provider's {@code Retry-After}, or {@code null}
 * @param providerDetail the provider's own error code or type, or {@code null}
 * @param param          the request field at fault, for an invalid request, or {@code null}
 */
public record ProxyError(
    Kind kind, int httpStatus, String message, boolean retryable, Long retryAfterSeconds,
    String providerDetail, String param) {

  /** An error that names no request field. */
  public ProxyError(Kind kind, int httpStatus, String message, boolean retryable, Long retryAfterSeconds,
      String providerDetail) {
    this(kind, httpStatus, message, retryable, retryAfterSeconds, providerDetail, null);
  }

  /** Failure classes, each with the status a client sees by default. */
  public enum Kind {
    INVALID_REQUEST(400),
    AUTHENTICATION(401),
    PERMISSION(403),
    NOT_FOUND(404),
    REQUEST_TOO_LARGE(413),
    RATE_LIMITED(429),
    INTERNAL(500),
    UPSTREAM(502),
    UNAVAILABLE(503),
    TIMEOUT(504),
    CANCELLED(499);

    private final int status;

    Kind(int status) {
      this.status = status;
    }

    public int defaultStatus() {
      return status;
    }
  }

  public ProxyError {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }

  /** A non-retryable error with the kind's default status. */
  public static ProxyError of(Kind kind, String message) {
    return new ProxyError(kind, kind.defaultStatus(), message, false, null, null);
  }

  public static ProxyError invalidRequest(String message) {
    return of(Kind.INVALID_REQUEST, message);
  }

  public static ProxyError notFound(String message) {
    return of(Kind.NOT_FOUND, message);
  }

  public static ProxyError internal(String message) {
    return of(Kind.INTERNAL, message);
  }

  /** This error with another message (e.g. one that also tells what was tried before). */
  public ProxyError withMessage(String newMessage) {
    return new ProxyError(kind, httpStatus, newMessage, retryable, retryAfterSeconds, providerDetail, param);
  }
}
