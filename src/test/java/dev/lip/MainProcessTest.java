package dev.lip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Main} in a JVM of its own, as the README starts it: the transport flag, end to end. */
@Timeout(90)
class MainProcessTest {

  @Test
  void theProxyStartsOnTheTransportItIsToldAndNamesIt() throws Exception {
    Process proxy = start("--host", "127.0.0.1", "--port", "0", "--transport", "nio");
    try {
      String listening = firstLineContaining(proxy, "listening on");
      assertThat(listening).contains("nio transport");
    } finally {
      proxy.destroy();
      assertThat(proxy.waitFor(20, TimeUnit.SECONDS)).as("the proxy stops on SIGTERM").isTrue();
    }
  }

  @Test
  void anUnknownTransportStopsStartupWithTheKeyAndTheReason() throws Exception {
    Process proxy = start("--port", "0", "--transport", "kqueue");

    assertThat(proxy.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(proxy.exitValue()).isEqualTo(2);
    assertThat(new String(proxy.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
        .contains("command-line option --transport: server.transport: must be one of auto, io_uring, epoll, nio "
            + "(got 'kqueue')");
  }

  private static Process start(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).start();
  }

  /** The first line of the proxy's standard output that contains {@code text}, within 30 s. */
  private static String firstLineContaining(Process proxy, String text) throws Exception {
    CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(proxy.getInputStream(),
          StandardCharsets.UTF_8))) {
        String next;
        while ((next = out.readLine()) != null) {
          if (next.contains(text)) {
            return next;
          }
        }
        return "(the proxy ended its output without '" + text + "')";
      } catch (IOException e) {
        return "(reading the proxy's output failed: " + e + ")";
      }
    });
    return line.get(30, TimeUnit.SECONDS);
  }
}
