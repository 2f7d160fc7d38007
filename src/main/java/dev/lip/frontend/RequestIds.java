package dev.lip.frontend;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids: random, unique enough across nodes, cheap to make. Every request gets one for internal
 * use (event-bus addresses, cancellation); a client's own {@code x-request-id} is only echoed.
 */
final class RequestIds {
  /** Where the internal id is kept in the routing context. */
  static final String CONTEXT_KEY = "lip.request-id";
  private static final int MAX_CLIENT_ID_LENGTH = 128;

  private RequestIds() {
  }

  /** A fresh id such as {@code req_1f3a…} (32 hex digits). */
  static String next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    StringBuilder sb = new StringBuilder(36).append("req_");
    appendHex(sb, random.nextLong());
    appendHex(sb, random.nextLong());
    return sb.toString();
  }

  /** Whether a client-sent id is safe to echo in a header: short, printable ASCII, no spaces. */
  static boolean acceptable(String clientId) {
    if (clientId == null || clientId.isEmpty() || clientId.length() > MAX_CLIENT_ID_LENGTH) {
      return false;
    }
    for (int i = 0; i < clientId.length(); i++) {
      char c = clientId.charAt(i);
      if (c <= ' ' || c > '~') {
        return false;
      }
    }
    return true;
  }

  private static void appendHex(StringBuilder sb, long value) {
    String hex = Long.toHexString(value);
    for (int i = hex.length(); i < 16; i++) {
      sb.append('0');
    }
    sb.append(hex);
  }
}
