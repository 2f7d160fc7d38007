package dev.lip.backend.providers;

import dev.lip.model.ProxyError.Kind;
import dev.lip.model.ProxyError;
import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

/** Maps what an upstream returned or how it failed to the {@link ProxyError} the client should see. */
final class UpstreamErrors {
  private UpstreamErrors() {
  }

  /**
   * The error for an upstream HTTP status other than 200.
   *
   * @param upstreamMessage the provider's message (already free of secrets), or {@code null}
   * @param upstreamCode    the provider's own error code or type ({@code context_length_exceeded},
   *                        {@code overloaded_error}, ...), passed on to clients, or {@code null}
   * @param retryAfter      the parsed {@code Retry-After} in seconds, or {@code null}
   */
  static ProxyError fromStatus(int status, String upstreamMessage, String upstreamCode, Long retryAfter) {
    String detail = upstreamMessage == null || upstreamMessage.isBlank()
        ? "HTTP " + status : upstreamMessage;
    String message = "upstream returned " + status + ": " + detail;
    if (status == 429) {
      return new ProxyError(Kind.RATE_LIMITED, 429, message, true, retryAfter, upstreamCode);
    }
    if (status >= 500) {
      return new ProxyError(Kind.UPSTREAM, 502, message, true, retryAfter, upstreamCode);
    }
    if (status == 401 || status == 403) {
      // No code: the provider's (invalid_api_key, ...) would send the client after its own credentials.
      return new ProxyError(status == 401 ? Kind.AUTHENTICATION : Kind.PERMISSION, 502,
          "upstream rejected the backend's credentials (" + status + "): " + detail, true, null, null);
    }
    if (status == 404) {
      return new ProxyError(Kind.NOT_FOUND, 404, message, true, null, upstreamCode);
    }
    if (status == 408) {
      return new ProxyError(Kind.TIMEOUT, 504, message, true, null, upstreamCode);
    }
    if (status == 413) {
      return new ProxyError(Kind.REQUEST_TOO_LARGE, 413, message, false, null, upstreamCode);
    }
    return new ProxyError(Kind.INVALID_REQUEST, status >= 400 && status < 500 ? status : 502, message,
        false, null, upstreamCode);
  }

  /** The error for a transport failure (connect, reset, timeout). */
  static ProxyError fromFailure(Throwable failure) {
    if (failure instanceof ConnectTimeoutException || failure instanceof TimeoutException) {
      return new ProxyError(Kind.TIMEOUT, 504, "upstream timed out: " + failure.getMessage(), true,
          null, null);
    }
    if (failure instanceof ConnectException || failure instanceof UnknownHostException) {
      return new ProxyError(Kind.UPSTREAM, 502, "cannot connect to upstream: " + failure.getMessage(),
          true, null, null);
    }
    return new ProxyError(Kind.UPSTREAM, 502, "upstream connection failed: " + failure, true, null,
        null);
  }

  /** Parses a {@code Retry-After} header given in seconds; HTTP dates are ignored. */
  static Long retryAfterSeconds(String header) {
    if (header == null) {
      return null;
    }
    try {
      long seconds = Long.parseLong(header.trim());
      return seconds >= 0 ? seconds : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
