package dev.lip.e2e;

import static dev.lip.fakes.FakeOpenAi.flood;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lip.Gateway;
import dev.lip.config.ProxyConfig;
import dev.lip.config.Timeouts;
import dev.lip.fakes.Chunks;
import dev.lip.fakes.FakeOpenAi;
import dev.lip.fakes.TestProxy;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** A client that stops reading for longer than {@code slow_client_seconds} is cut off, and so is its upstream call. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class SlowClientTest {
  private Vertx vertx;
  private FakeOpenAi fake;
  private int port;

  @BeforeAll
  void start() {
    vertx = Vertx.vertx();
    fake = new FakeOpenAi();
    vertx.deployVerticle(fake).await();
    ProxyConfig config = new ProxyConfig("127.0.0.1", 0, -1, "openai", "info", true, List.of(), 1 << 20,
        15_000, 500, Map.of("openai", TestProxy.openai("openai", fake.baseUrl(), Timeouts.DEFAULTS, List.of())));
    port = new Gateway(vertx, config, 1).start().await().main();
  }

  @AfterAll
  void stop() {
    vertx.close().await();
  }

  @Test
  void aClientThatStopsReadingIsCutOffAndTheUpstreamCancelled() throws IOException, InterruptedException {
    fake.answer(flood(200_000, Chunks.text("z".repeat(1000))));
    byte[] body = ("{\"model\":\"openai:gpt-4o\",\"stream\":true,"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"flood me\"}]}").getBytes(StandardCharsets.UTF_8);

    int abortedWhileConnected;
    try (Socket socket = new Socket()) {
      socket.setReceiveBufferSize(64 * 1024);
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();

      long deadline = System.currentTimeMillis() + 20_000;
      while (fake.abortedResponses.get() == 0 && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
      }
      abortedWhileConnected = fake.abortedResponses.get();
    }
    assertThat(abortedWhileConnected).as("upstream call cancelled while the client was still connected")
        .isEqualTo(1);
    assertThat(fake.floodWritten.get()).as("the upstream never got to send everything").isLessThan(200_000);
  }
}
