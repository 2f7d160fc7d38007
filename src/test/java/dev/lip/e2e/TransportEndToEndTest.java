package dev.lip.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lip.config.Timeouts;
import dev.lip.fakes.Chunks;
import dev.lip.fakes.Client;
import dev.lip.fakes.FakeOpenAi;
import dev.lip.fakes.Floods;
import dev.lip.fakes.TestProxy;
import io.vertx.core.Vertx;
import io.vertx.core.transport.Transport;
import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The proxy on each Netty transport it may run on ({@code server.transport}): the fake upstream, the
 * proxy's server and its upstream client all on that transport. Many connections at once (Netty 4.2.9's
 * io_uring dropped some), a client disconnect, and flow control under a slow client. A transport this
 * host does not offer is skipped, and says so.
 */
@Timeout(120)
class TransportEndToEndTest {
  private Vertx vertx;

  static Stream<String> transports() {
    return Stream.of("io_uring", "epoll", "nio");
  }

  @AfterEach
  void stop() {
    if (vertx != null) {
      vertx.close().await();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void servesManyConnectionsCancelsAndAppliesBackpressure(String name) throws Exception {
    Transport transport = switch (name) {
      case "io_uring" -> Transport.IO_URING;
      case "epoll" -> Transport.EPOLL;
      default -> Transport.NIO;
    };
    assumeTrue(transport != null && transport.available(),
        () -> "not offered here: " + (transport == null ? "missing library" : transport.unavailabilityCause()));
    vertx = Vertx.builder().withTransport(transport).build();
    FakeOpenAi fake = new FakeOpenAi();
    vertx.deployVerticle(fake).await();
    int port = TestProxy.start(vertx, TestProxy.config("openai", 15_000, 1 << 20,
        TestProxy.openai("openai", fake.baseUrl(), new Timeouts(2_000, 10_000, 10_000, 60_000), List.of()),
        TestProxy.mock()));
    Client client = new Client(port);

    fake.answer(echo());
    everyAnswerReachesItsOwnClient(client);

    fake.answer(FakeOpenAi.sse(50, Chunks.text("a"), Chunks.text("b"), Chunks.text("c"), Chunks.text("d")));
    int abortedBefore = fake.abortedResponses.get();
    try (Socket socket = Floods.post(port, request("openai:gpt-4o", "bye", true))) {
      assertThat(new String(socket.getInputStream().readNBytes(12))).isEqualTo("HTTP/1.1 200");
    }
    awaitUpstreamAborted(fake, abortedBefore);

    // Plateaus seen: 7 000–15 000 events, by transport and by the kernel's buffer autotuning.
    int count = 100_000;
    fake.answer(FakeOpenAi.flood(count, Floods.PAYLOAD));
    try (Socket socket = Floods.post(port, request("openai:gpt-4o", "flood", true))) {
      assertThat(Floods.awaitPlateau(fake, count)).as("events written while the client read nothing")
          .isLessThan(count / 2);
      assertThat(Floods.readToTheEnd(socket, fake, count)).isEqualTo(count);
    }
  }

  /** 400 requests from 32 threads, streamed and not, through the mock and through the fake upstream. */
  private static void everyAnswerReachesItsOwnClient(Client client) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(32);
    try {
      List<Callable<Void>> calls = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        String word = "word" + i;
        String model = i % 2 == 0 ? "mock:echo" : "openai:gpt-4o";
        boolean stream = i % 4 >= 2;
        calls.add(() -> {
          Client.Answer answer = client.post("/v1/chat/completions", request(model, word, stream));
          assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
          if (stream) {
            assertThat(answer.data()).last().isEqualTo("[DONE]");
            assertThat(String.join("", answer.data())).contains(word);
          } else {
            JsonNode body = answer.json();
            assertThat(body.at("/choices/0/message/content").asText()).isEqualTo(word);
          }
          return null;
        });
      }
      for (Future<Void> call : pool.invokeAll(calls, 60, TimeUnit.SECONDS)) {
        call.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Answers with the request's last message, streamed if asked. */
  private static FakeOpenAi.Behaviour echo() {
    return (request, json, fake) -> {
      String text = json.at("/messages/0/content").asText();
      if (json.path("stream").asBoolean()) {
        request.response().setChunked(true).putHeader("content-type", "text/event-stream")
            .end("data: " + Chunks.text(text) + "\n\ndata: " + Chunks.finish("stop") + "\n\ndata: [DONE]\n\n");
      } else {
        request.response().putHeader("content-type", "application/json").end(Chunks.completion(text));
      }
    };
  }

  private static void awaitUpstreamAborted(FakeOpenAi fake, int before) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 5_000;
    while (fake.abortedResponses.get() == before && System.currentTimeMillis() < deadline) {
      Thread.sleep(10);
    }
    assertThat(fake.abortedResponses.get()).as("upstream calls cut after the client left").isEqualTo(before + 1);
  }

  private static String request(String model, String text, boolean stream) {
    return "{\"model\":\"" + model + "\",\"stream\":" + stream
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
  }
}
