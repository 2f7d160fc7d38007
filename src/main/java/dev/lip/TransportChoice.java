package dev.lip;

import dev.lip.config.ConfigException;
import dev.lip.config.NetworkTransport;
import io.vertx.core.transport.Transport;

/** The Vert.x transport that serves the configured {@link NetworkTransport} on this host. */
final class TransportChoice {
  private TransportChoice() {
  }

  /** The transport for {@code asked}, as Vert.x's own probes of this host find them. */
  static Transport choose(NetworkTransport asked) {
    return choose(asked, Transport.IO_URING, Transport.EPOLL);
  }

  /**
   * {@code auto} takes io_uring, else epoll, else NIO. A native transport asked for by name that the host
   * cannot give stops startup with the probe's reason instead of quietly running on another one.
   * {@code ioUring} and {@code epoll} are {@code null} when their library is not on the class path.
   */
  static Transport choose(NetworkTransport asked, Transport ioUring, Transport epoll) {
    return switch (asked) {
      case AUTO -> usable(ioUring) ? ioUring : usable(epoll) ? epoll : Transport.NIO;
      case IO_URING -> required(ioUring, asked);
      case EPOLL -> required(epoll, asked);
      case NIO -> Transport.NIO;
    };
  }

  private static boolean usable(Transport transport) {
    return transport != null && transport.available();
  }

  private static Transport required(Transport transport, NetworkTransport asked) {
    if (usable(transport)) {
      return transport;
    }
    String why = transport == null ? "its native library is missing"
        : transport.unavailabilityCause() == null ? "its probe failed" : transport.unavailabilityCause().toString();
    throw new ConfigException("server.transport: " + asked.configName() + " is not available on this host ("
        + why + "); use auto, epoll or nio");
  }
}
