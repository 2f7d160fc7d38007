package dev.lip.loadtest;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;

/** One request/response round trip with a sanity check of the answer. */
final class Exchange {
  private static final Buffer DONE = Buffer.buffer("data: [DONE]");

  private Exchange() {}

  /** Sends one request and reads the whole body; fails on a non-200 or a malformed answer. */
  static Future<Void> call(HttpClient client, Target target, boolean stream) {
    return client.request(target.post())
        .compose(req -> req.send(target.body(stream)))
        .compose(resp -> resp.body().compose(body -> {
          if (resp.statusCode() != 200) {
            return Future.failedFuture("HTTP " + resp.statusCode() + ": " + head(body));
          }
          if (stream ? !containsDone(body) : body.length() == 0 || body.getByte(0) != '{') {
            return Future.failedFuture("malformed " + (stream ? "stream" : "body") + ": " + head(body));
          }
          return Future.succeededFuture();
        }));
  }

  /** True when the SSE body carries the terminating {@code data: [DONE]} event. */
  static boolean containsDone(Buffer body) {
    return indexOf(body, DONE, Math.max(0, body.length() - 64)) >= 0
        || indexOf(body, DONE, 0) >= 0;
  }

  /** Number of SSE {@code data:} events in {@code body}. */
  static int countEvents(Buffer body) {
    int n = 0;
    for (int i = 0; i + 5 <= body.length(); i++) {
      if (body.getByte(i) == 'd' && (i == 0 || body.getByte(i - 1) == '\n')
          && body.getByte(i + 1) == 'a' && body.getByte(i + 2) == 't'
          && body.getByte(i + 3) == 'a' && body.getByte(i + 4) == ':') {
        n++;
      }
    }
    return n;
  }

  static int indexOf(Buffer hay, Buffer needle, int from) {
    outer:
    for (int i = from; i + needle.length() <= hay.length(); i++) {
      for (int j = 0; j < needle.length(); j++) {
        if (hay.getByte(i + j) != needle.getByte(j)) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  static String head(Buffer body) {
    String s = body.toString();
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }
}
