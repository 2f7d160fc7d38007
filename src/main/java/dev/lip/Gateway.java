package dev.lip;

import dev.lip.backend.BackendGuards;
import dev.lip.backend.BackendVerticle;
import dev.lip.backend.SignatureLedger;
import dev.lip.backend.providers.Providers;
import dev.lip.bus.BusCodecs;
import dev.lip.config.BackendConfig;
import dev.lip.config.ProxyConfig;
import dev.lip.frontend.FrontendVerticle;
import dev.lip.frontend.LocalResponseStore;
import dev.lip.frontend.ResponseStore;
import dev.lip.router.RouterVerticle;
import dev.lip.session.LocalSessionStore;
import dev.lip.session.SessionStore;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Deploys a whole proxy into a Vert.x instance, in dependency order: codecs, backends, routers, then
 * frontends (so that no request arrives before someone can serve it).
 */
public final class Gateway {
  private static final long RESPONSE_STORE_ENTRIES = 10_000;
  private static final Duration RESPONSE_STORE_TTL = Duration.ofHours(1);
  private static final long SIGNATURE_LEDGER_ENTRIES = 200_000;
  private static final Duration SIGNATURE_LEDGER_IDLE = Duration.ofHours(24);

  private final Vertx vertx;
  private final ProxyConfig config;
  private final int instances;
  private final SessionStore sessions;

  /**
   * @param instances how many instances of every verticle to run: one per event loop, so that each loop
   *                  holds a whole pipeline and a request never changes thread
   */
  public Gateway(Vertx vertx, ProxyConfig config, int instances) {
    this(vertx, config, instances, new LocalSessionStore(config.sessions()));
  }

  /**
   * @param sessions where the routers keep sessions
   */
  public Gateway(Vertx vertx, ProxyConfig config, int instances, SessionStore sessions) {
    this.vertx = vertx;
    this.config = config;
    this.instances = Math.max(1, instances);
    this.sessions = sessions;
  }

  /**
   * The ports the frontend listens on.
   *
   * @param anthropic the Anthropic listener's port, or {@link FrontendVerticle#NO_PORT}
   */
  public record Ports(int main, int anthropic) {
  }

  /** Deploys everything; completes with the ports the frontend listens on. */
  public Future<Ports> start() {
    BusCodecs.register(vertx.eventBus());
    List<Future<String>> backends = new ArrayList<>();
    SignatureLedger signatures = new SignatureLedger(SIGNATURE_LEDGER_ENTRIES, SIGNATURE_LEDGER_IDLE);
    for (BackendConfig backend : config.backends().values()) {
      BackendGuards guards = BackendGuards.local(backend);
      backends.add(vertx.deployVerticle(
          () -> new BackendVerticle(backend, guards, signatures, v -> Providers.create(v, backend)),
          new DeploymentOptions().setInstances(instances)));
    }
    return Future.all(backends)
        .compose(v -> vertx.deployVerticle(() -> new RouterVerticle(config, sessions),
            new DeploymentOptions().setInstances(instances)))
        .compose(v -> deployFrontends());
  }

  private Future<Ports> deployFrontends() {
    // A negative port makes Vert.x pick one free port and share it among all the instances.
    int listenPort = config.port() == 0 ? -1 : config.port();
    int anthropicPort = config.anthropicPort() < 0 ? FrontendVerticle.NO_PORT
        : config.anthropicPort() == 0 ? -2 : config.anthropicPort();
    List<FrontendVerticle> frontends = new CopyOnWriteArrayList<>();
    ResponseStore responses = new LocalResponseStore(RESPONSE_STORE_ENTRIES, RESPONSE_STORE_TTL);
    return vertx.deployVerticle(() -> {
      FrontendVerticle frontend = new FrontendVerticle(config, listenPort, anthropicPort, responses);
      frontends.add(frontend);
      return frontend;
    }, new DeploymentOptions().setInstances(instances))
        .map(id -> new Ports(frontends.get(0).actualPort(), frontends.get(0).actualAnthropicPort()));
  }
}
