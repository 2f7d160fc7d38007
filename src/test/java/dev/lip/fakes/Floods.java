package dev.lip.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A client that reads only when told to, for flow-control tests: a raw socket posts a chat request, then
 * the test watches the upstream's {@link FakeOpenAi#flood} stall and reads the stream to its end.
 * Every wait is bounded and says, when it fails, how far it got.
 */
public final class Floods {
  /** Content chunks of a flood carry this many {@code y}s, which the reader counts by. */
  public static final String PAYLOAD = Chunks.text("y".repeat(1000));

  private Floods() {
  }

  /** Sends {@code body} to the chat endpoint of the proxy on {@code port}; reads nothing yet. */
  public static Socket post(int port, String body) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    socket.setSoTimeout(20_000);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    OutputStream out = socket.getOutputStream();
    out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + "Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(bytes);
    out.flush();
    return socket;
  }

  /**
   * Waits, within 20 s, until the flood has started and then stopped growing for half a second (or
   * ended); returns the events the upstream wrote.
   */
  public static int awaitPlateau(FakeOpenAi fake, int count) {
    long deadline = System.currentTimeMillis() + 20_000;
    int previous;
    int now = fake.floodWritten.get();
    do {
      assertThat(System.currentTimeMillis()).as("the upstream wrote %d events and found no plateau within 20 s", now)
          .isLessThan(deadline);
      previous = now;
      sleep(500);
      now = fake.floodWritten.get();
    } while ((now == 0 || now > previous) && now < count);
    return now;
  }

  /** Reads the SSE stream to {@code [DONE]} within 30 s; returns how many flood chunks came. */
  public static int readToTheEnd(Socket socket, FakeOpenAi fake, int count) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    long deadline = System.currentTimeMillis() + 30_000;
    int contentChunks = 0;
    String line;
    while ((line = reader.readLine()) != null && !line.equals("data: [DONE]")) {
      if (line.startsWith("data: ") && line.contains("yyyy")) {
        contentChunks++;
      }
      assertThat(System.currentTimeMillis())
          .as("read %d of %d chunks within 30 s; the upstream wrote %d", contentChunks, count, fake.floodWritten.get())
          .isLessThan(deadline);
    }
    assertThat(line).as("the stream's last line").isEqualTo("data: [DONE]");
    return contentChunks;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
