package dev.lip.loadtest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Polls {@code GET <path>} on a loopback port until it answers 2xx or a bounded timeout passes. */
final class Readiness {
  private Readiness() {}

  static int await(Args args) throws InterruptedException {
    String host = args.str("host", "127.0.0.1");
    if (!host.startsWith("127.") && !host.equals("localhost")) {
      throw new IllegalArgumentException("only loopback targets are allowed, got " + host);
    }
    URI uri = URI.create("http://" + host + ":" + args.integer("port", 8080)
        + args.str("path", "/v1/models"));
    String auth = args.str("auth", "");
    long deadline = System.nanoTime() + (long) (args.decimal("timeout", 60) * 1e9);
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      try {
        HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET();
        if (!auth.isEmpty()) {
          req.header("Authorization", "Bearer " + auth);
        }
        int status = client.send(req.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status / 100 == 2) {
          System.out.println("READY " + uri + " HTTP " + status);
          return 0;
        }
        last = "HTTP " + status;
      } catch (java.io.IOException e) {
        last = e.toString();
      }
      Thread.sleep(250);
    }
    System.out.println("NOT READY " + uri + ": " + last);
    return 1;
  }
}
