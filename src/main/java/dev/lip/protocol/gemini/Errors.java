package dev.lip.protocol.gemini;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lip.model.ProxyError;
import dev.lip.protocol.Json;

/** {@link ProxyError} → Google API error body, and the message inside a provider's error body. */
final class Errors {
  private static final String BAD_REQUEST = "type.googleapis.com/google.rpc.BadRequest";
  private static final String RETRY_INFO = "type.googleapis.com/google.rpc.RetryInfo";

  private Errors() {
  }

  /**
   * {@code {"error":{"code","message","status"}}}, {@code code} being the HTTP status. A 400 that names
   * the offending field carries a {@code google.rpc.BadRequest} detail with one field violation; an error
   * with a {@code Retry-After} carries a {@code google.rpc.RetryInfo} detail (Gemini CLI reads its
   * {@code retryDelay} before retrying a 429).
   */
  static ObjectNode body(ProxyError error) {
    ObjectNode body = Json.NODES.objectNode();
    ObjectNode inner = body.putObject("error")
        .put("code", error.httpStatus())
        .put("message", error.message())
        .put("status", status(error.httpStatus()));
    if (error.kind() == ProxyError.Kind.INVALID_REQUEST && error.param() != null) {
      inner.withArray("details").addObject().put("@type", BAD_REQUEST).putArray("fieldViolations").addObject()
          .put("field", error.param()).put("description", error.message());
    }
    if (error.retryAfterSeconds() != null) {
      inner.withArray("details").addObject().put("@type", RETRY_INFO)
          .put("retryDelay", error.retryAfterSeconds() + "s");
    }
    return body;
  }

  /**
   * The {@code google.rpc.Code} name Google pairs with an HTTP status. 413 has no canonical code and is
   * reported as {@code INVALID_ARGUMENT} (what Gemini answers for over-long prompts); 502 and 529 as
   * {@code UNAVAILABLE}, so that Gemini clients retry them like a 503. Other 4xx are
   * {@code FAILED_PRECONDITION}, other 5xx {@code INTERNAL}.
   */
  static String status(int httpStatus) {
    switch (httpStatus) {
      case 400:
      case 413:
        return "INVALID_ARGUMENT";
      case 401:
        return "UNAUTHENTICATED";
      case 403:
        return "PERMISSION_DENIED";
      case 404:
        return "NOT_FOUND";
      case 409:
        return "ABORTED";
      case 429:
        return "RESOURCE_EXHAUSTED";
      case 499:
        return "CANCELLED";
      case 501:
        return "UNIMPLEMENTED";
      case 502:
      case 503:
      case 529:
        return "UNAVAILABLE";
      case 504:
        return "DEADLINE_EXCEEDED";
      default:
        return httpStatus >= 400 && httpStatus < 500 ? "FAILED_PRECONDITION" : "INTERNAL";
    }
  }
}
