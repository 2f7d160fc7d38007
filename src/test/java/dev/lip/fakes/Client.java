package dev.lip.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lip.protocol.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A blocking HTTP client for tests (the JDK's), bound to one proxy port; every call has a timeout. */
public final class Client {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final int port;

  public Client(int port) {
    this.port = port;
  }

  /** The proxy port this client talks to. */
  public int port() {
    return port;
  }

  /** A response with its body parsed as JSON (a missing node when it is not JSON). */
  public record Answer(int status, HttpResponse<String> raw) {
    public JsonNode json() {
      return Json.parseLenient(raw.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    /** The {@code data:} payloads of an SSE body, in order. */
    public List<String> data() {
      List<String> data = new ArrayList<>();
      for (String line : raw.body().split("\n")) {
        if (line.startsWith("data: ")) {
          data.add(line.substring(6));
        }
      }
      return data;
    }
  }

  public Answer post(String path, String body, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(TIMEOUT)
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return send(request.build());
  }

  public Answer get(String path, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(TIMEOUT).GET();
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return send(request.build());
  }

  private Answer send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
