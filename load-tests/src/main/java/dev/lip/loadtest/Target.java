package dev.lip.loadtest;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/** What to call: a loopback-only chat-completions endpoint plus the two request bodies. */
final class Target {
  final String host;
  final int port;
  final String path;
  final String auth;
  final long timeoutMs;
  private final byte[] plainBody;
  private final byte[] streamBody;

  Target(Args args) {
    this(args, args.integer("port", 8080));
  }

  /** The target of {@code args}, on {@code port}. */
  Target(Args args, int port) {
    host = args.str("host", "127.0.0.1");
    if (!host.startsWith("127.") && !host.equals("localhost")) {
      throw new IllegalArgumentException("only loopback targets are allowed, got " + host);
    }
    this.port = port;
    path = args.str("path", "/v1/chat/completions");
    auth = args.str("auth", "");
    timeoutMs = args.number("request-timeout-ms", 10_000);
    String model = args.str("model", "gpt-4o-mini");
    String messages = "\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\","
        + "\"content\":\"Say hello.\"}],\"max_tokens\":32";
    plainBody = ("{" + messages + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    streamBody = ("{" + messages + ",\"stream\":true,\"stream_options\":{\"include_usage\":true}}")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Fresh options for one POST; every wait is bounded by connect and idle timeouts. */
  RequestOptions post() {
    RequestOptions o = new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setHost(host)
        .setPort(port)
        .setURI(path)
        .setConnectTimeout(timeoutMs)
        .setIdleTimeout(timeoutMs)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
    if (!auth.isEmpty()) {
      o.putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + auth);
    }
    return o;
  }

  Buffer body(boolean stream) {
    return Buffer.buffer(stream ? streamBody : plainBody);
  }

  String describe() {
    return "http://" + host + ":" + port + path;
  }
}
