package dev.lip.protocol.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lip.model.ProxyError;
import dev.lip.protocol.Json;

/** {@link ProxyError} ↔ Anthropic error bodies and in-stream {@code error} events. */
final class Errors {
  private Errors() {
  }

  /** {@code {"type":"error","error":{"type","message"}}}, the type as {@link #type(ProxyError)} says. */
  static ObjectNode body(ProxyError error) {
    ObjectNode body = Json.NODES.objectNode().put("type", "error");
    body.putObject("error").put("type", type(error)).put("message", error.message());
    return body;
  }

  /**
   * The Anthropic error type. HTTP status 529 and {@link ProxyError.Kind#UNAVAILABLE} (503) are
   * {@code overloaded_error}, the type Anthropic clients treat as "busy, retry later"; every other server
   * side failure (internal, upstream 502, timeout 504, cancelled) is {@code api_error}.
   */
  static String type(ProxyError error) {
    if (error.httpStatus() == 529) {
      return "overloaded_error";
    }
    switch (error.kind()) {
      case INVALID_REQUEST:
        return "invalid_request_error";
      case AUTHENTICATION:
        return "authentication_error";
      case PERMISSION:
        return "permission_error";
      case NOT_FOUND:
        return "not_found_error";
      case REQUEST_TOO_LARGE:
        return "request_too_large";
      case RATE_LIMITED:
        return "rate_limit_error";
      case UNAVAILABLE:
        return "overloaded_error";
      default:
        return "api_error";
    }
  }

  /**
   * The failure an Anthropic error type reports (the {@code error} event of a stream, or a body whose
   * status is unknown). Overloaded, rate-limit and server errors are retryable; the provider's type is
   * kept as the detail.
   */
  static ProxyError fromType(String type, String message) {
    String text = message != null ? message : "upstream reported an error";
    ProxyError.Kind kind;
    int status;
    boolean retryable;
    switch (type == null ? "" : type) {
      case "overloaded_error":
        kind = ProxyError.Kind.UNAVAILABLE;
        status = 529;
        retryable = true;
        break;
      case "rate_limit_error":
        kind = ProxyError.Kind.RATE_LIMITED;
        status = 429;
        retryable = true;
        break;
      case "invalid_request_error":
        kind = ProxyError.Kind.INVALID_REQUEST;
        status = 400;
        retryable = false;
        break;
      case "authentication_error":
        kind = ProxyError.Kind.AUTHENTICATION;
        status = 401;
        retryable = false;
        break;
      case "permission_error":
        kind = ProxyError.Kind.PERMISSION;
        status = 403;
        retryable = false;
        break;
      case "not_found_error":
        kind = ProxyError.Kind.NOT_FOUND;
        status = 404;
        retryable = false;
        break;
      case "request_too_large":
        kind = ProxyError.Kind.REQUEST_TOO_LARGE;
        status = 413;
        retryable = false;
        break;
      case "timeout_error":
        kind = ProxyError.Kind.TIMEOUT;
        status = 504;
        retryable = true;
        break;
      default:
        kind = ProxyError.Kind.UPSTREAM;
        status = 502;
        retryable = true;
        break;
    }
    return new ProxyError(kind, status, text, retryable, null, type);
  }
}
