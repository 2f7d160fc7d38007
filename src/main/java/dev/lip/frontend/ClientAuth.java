package dev.lip.frontend;

import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/** Checks a client's proxy key, in any header style a client library uses, in constant time. */
final class ClientAuth {
  private final List<byte[]> keys;

  ClientAuth(List<String> keys) {
    this.keys = keys.stream().map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
  }

  /** Whether checking is on at all. */
  boolean enabled() {
    return !keys.isEmpty();
  }

  /** Whether the request presents one of the keys. */
  boolean accepts(HttpServerRequest request) {
    String presented = presentedKey(request);
    if (presented == null) {
      return false;
    }
    byte[] candidate = presented.getBytes(StandardCharsets.UTF_8);
    boolean match = false;
    for (byte[] key : keys) {
      match |= MessageDigest.isEqual(key, candidate);
    }
    return match;
  }

  /** The key a client sent: {@code Authorization: Bearer}, {@code x-api-key}, {@code x-goog-api-key}, {@code ?key=} or {@code ?api_key=}. */
  static String presentedKey(HttpServerRequest request) {
    String authorization = request.getHeader("authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return authorization.substring(7).trim();
    }
    String key = request.getHeader("x-api-key");
    if (key == null) {
      key = request.getHeader("x-goog-api-key");
    }
    if (key == null) {
      key = request.getParam("key");
    }
    if (key == null) {
      key = request.getParam("api_key");
    }
    return key;
  }
}
