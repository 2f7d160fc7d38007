package dev.lip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lip.config.ConfigException;
import dev.lip.config.NetworkTransport;
import io.vertx.core.transport.Transport;
import org.junit.jupiter.api.Test;

class TransportChoiceTest {
  private static final Transport IO_URING = new Probe("io_uring", null);
  private static final Transport EPOLL = new Probe("epoll", null);
  private static final Transport IO_URING_BLOCKED =
      new Probe("io_uring", new UnsupportedOperationException("io_uring_setup: operation not permitted"));
  private static final Transport EPOLL_BLOCKED = new Probe("epoll", new IllegalStateException("no epoll"));

  @Test
  void autoTakesIoUringThenEpollThenNio() {
    assertThat(TransportChoice.choose(NetworkTransport.AUTO, IO_URING, EPOLL)).isSameAs(IO_URING);
    assertThat(TransportChoice.choose(NetworkTransport.AUTO, IO_URING_BLOCKED, EPOLL)).isSameAs(EPOLL);
    assertThat(TransportChoice.choose(NetworkTransport.AUTO, null, EPOLL)).isSameAs(EPOLL);
    assertThat(TransportChoice.choose(NetworkTransport.AUTO, IO_URING_BLOCKED, EPOLL_BLOCKED)).isSameAs(Transport.NIO);
    assertThat(TransportChoice.choose(NetworkTransport.AUTO, null, null)).isSameAs(Transport.NIO);
  }

  @Test
  void aNamedTransportIsTakenWhenTheHostOffersIt() {
    assertThat(TransportChoice.choose(NetworkTransport.EPOLL, IO_URING, EPOLL)).isSameAs(EPOLL);
    assertThat(TransportChoice.choose(NetworkTransport.IO_URING, IO_URING, EPOLL_BLOCKED)).isSameAs(IO_URING);
    assertThat(TransportChoice.choose(NetworkTransport.NIO, IO_URING, EPOLL)).isSameAs(Transport.NIO);
  }

  @Test
  void aNamedTransportTheHostLacksStopsStartupWithTheReason() {
    assertThatThrownBy(() -> TransportChoice.choose(NetworkTransport.IO_URING, IO_URING_BLOCKED, EPOLL))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("server.transport: io_uring is not available on this host")
        .hasMessageContaining("io_uring_setup: operation not permitted")
        .hasMessageContaining("use auto, epoll or nio");
    assertThatThrownBy(() -> TransportChoice.choose(NetworkTransport.EPOLL, IO_URING, null))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("server.transport: epoll is not available on this host (its native library is missing)");
  }

  @Test
  void theRealProbesOfThisHostGiveAnAvailableTransport() {
    Transport chosen = TransportChoice.choose(NetworkTransport.AUTO);
    assertThat(chosen.available()).isTrue();
    assertThat(chosen.name()).isIn("io_uring", "epoll", "nio");
  }

  /** A transport whose probe gave {@code cause}, or succeeded when it is {@code null}. */
  private record Probe(String name, Throwable cause) implements Transport {
    @Override
    public boolean available() {
      return cause == null;
    }

    @Override
    public Throwable unavailabilityCause() {
      return cause;
    }

    @Override
    public io.vertx.core.spi.transport.Transport implementation() {
      throw new UnsupportedOperationException("a probe only");
    }
  }
}
