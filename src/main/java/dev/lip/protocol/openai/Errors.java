package dev.lip.protocol.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lip.model.ProxyError;
import dev.lip.protocol.Json;

/** {@link ProxyError} → OpenAI error body, and the message inside a provider's error body. */
public final class Errors {
  private Errors() {
  }

  /**
   * {@code {"error":{"message","type","param","code"}}}. {@code param} is the offending request field, if
   * any. {@code code} is fixed for kinds OpenAI gives a code to, and otherwise the provider's own code or
   * type ({@code providerDetail}, e.g. {@code context_length_exceeded}), if any.
   */
  public static ObjectNode body(ProxyError error) {
    ObjectNode body = Json.NODES.objectNode();
    ObjectNode inner = body.putObject("error").put("message", error.message()).put("type", type(error.kind()));
    inner.put("param", error.param());
    inner.put("code", code(error));
    return body;
  }

  private static String type(ProxyError.Kind kind) {
    switch (kind) {
      case INVALID_REQUEST:
      case REQUEST_TOO_LARGE:
        return "invalid_request_error";
      case AUTHENTICATION:
        return "authentication_error";
      case PERMISSION:
        return "permission_error";
      case NOT_FOUND:
        return "not_found_error";
      case RATE_LIMITED:
        return "rate_limit_error";
      case TIMEOUT:
        return "timeout_error";
      case INTERNAL:
        return "server_error";
      default:
        return "api_error";
    }
  }

  private static String code(ProxyError error) {
    switch (error.kind()) {
      case NOT_FOUND:
        return error.providerDetail() != null ? error.providerDetail() : "model_not_found";
      case REQUEST_TOO_LARGE:
        return "request_too_large";
      case RATE_LIMITED:
        // A quota that is used up is no rate limit: clients stop retrying on it.
        return "insufficient_quota".equals(error.providerDetail()) ? "insufficient_quota" : "rate_limit_exceeded";
      default:
        return error.providerDetail();
    }
  }
}
