package dev.lip;

import ch.qos.logback.classic.Level;
import dev.lip.config.CliOptions;
import dev.lip.config.ConfigException;
import dev.lip.config.ConfigLoader;
import dev.lip.config.ProxyConfig;
import dev.lip.frontend.FrontendVerticle;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.transport.Transport;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Command line → configuration → Vert.x → deployment, in that order. */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);
  private static final long START_TIMEOUT_S = 60;
  private static final long STOP_TIMEOUT_S = 30;

  private Main() {
  }

  public static void main(String[] args) {
    ProxyConfig config;
    Transport transport;
    try {
      CliOptions cli = CliOptions.parse(args);
      if (cli.helpRequested()) {
        System.out.println(CliOptions.usage());
        return;
      }
      if (cli.versionRequested()) {
        System.out.println(CliOptions.version());
        return;
      }
      config = ConfigLoader.load(cli, System.getenv());
      transport = TransportChoice.choose(config.transport());
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      System.exit(ConfigException.EXIT_CODE);
      return;
    }
    setLogLevel(config.logLevel());

    int cores = Runtime.getRuntime().availableProcessors();
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setEventLoopPoolSize(cores))
        .withTransport(transport)
        .build();
    Gateway.Ports ports;
    try {
      ports = new Gateway(vertx, config, cores).start().await(START_TIMEOUT_S, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.error("the proxy failed to start: {}", e.getMessage());
      vertx.close();
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(vertx), "lip-shutdown"));
    LOG.info("LLM Interactive Proxy listening on http://{}:{} (default backend '{}'; backends: {}; {} transport)",
        config.host(), ports.main(), config.defaultBackend(), String.join(", ", config.backends().keySet()),
        transport.name());
    if (ports.anthropic() != FrontendVerticle.NO_PORT) {
      LOG.info("Anthropic clients: ANTHROPIC_BASE_URL=http://{}:{}", config.host(), ports.anthropic());
    }
  }

  private static void stop(Vertx vertx) {
    try {
      vertx.close().await(STOP_TIMEOUT_S, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      LOG.warn("shutdown did not finish within {} s", STOP_TIMEOUT_S);
    }
  }

  private static void setLogLevel(String level) {
    if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
      root.setLevel(Level.toLevel(level, Level.INFO));
    }
  }
}
