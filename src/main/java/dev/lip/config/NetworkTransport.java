package dev.lip.config;

import java.util.Locale;
import java.util.Optional;

/**
 * Which Netty transport carries the proxy's sockets ({@code server.transport}). {@link #AUTO} takes the
 * fastest one the host offers: io_uring, then epoll, then NIO.
 */
public enum NetworkTransport {
  AUTO, IO_URING, EPOLL, NIO;

  /** The name used in configuration: {@code auto}, {@code io_uring}, {@code epoll} or {@code nio}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The transport named {@code name} in configuration, if it is one. */
  public static Optional<NetworkTransport> parse(String name) {
    for (NetworkTransport transport : values()) {
      if (transport.configName().equals(name)) {
        return Optional.of(transport);
      }
    }
    return Optional.empty();
  }
}
