package dev.lip.frontend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lip.model.ProxyError;
import dev.lip.protocol.ClientDialect;
import dev.lip.protocol.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/**
 * Writes whole JSON answers and errors, in a door's dialect. Like the rest of the frontend it adds each
 * response header once with {@code headers().add}: {@code putHeader} would first search for and remove
 * a previous value that never exists.
 */
final class Replies {
  private static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");

  private Replies() {
  }

  /** Ends {@code response} with {@code body} as JSON. */
  static void json(HttpServerResponse response, int status, JsonNode body) {
    json(response, status, Json.bytes(body));
  }

  /** Ends {@code response} with {@code body}, UTF-8 JSON. */
  static void json(HttpServerResponse response, int status, byte[] body) {
    response.setStatusCode(status).headers().add(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON);
    response.end(Buffer.buffer(body));
  }

  /** Ends {@code response} with {@code error} in {@code dialect}'s error shape, and its Retry-After. */
  static void error(HttpServerResponse response, ClientDialect dialect, ProxyError error) {
    if (error.retryAfterSeconds() != null) {
      response.putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(error.retryAfterSeconds()));
    }
    json(response, error.httpStatus(), dialect.errorBody(error));
  }
}
