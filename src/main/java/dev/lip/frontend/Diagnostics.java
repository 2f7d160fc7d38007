package dev.lip.frontend;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lip.bus.Addresses;
import dev.lip.bus.BackendHealth;
import dev.lip.bus.HealthReports;
import dev.lip.config.ProxyConfig;
import dev.lip.model.ProxyError;
import dev.lip.protocol.ClientDialect;
import dev.lip.protocol.Json;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The operator's view: {@code GET /v1/diagnostics} shows every backend's health (breaker, keys masked,
 * in flight, latest failure), and {@code POST /v1/diagnostics/backends/{name}/reactivate} puts a
 * backend's refused and cooling keys back in use and closes its breaker. Behind the same client
 * authentication as the doors; errors in the OpenAI shape.
 */
final class Diagnostics {
  private static final long REACTIVATE_TIMEOUT_MS = 2_000;

  private final Vertx vertx;
  private final ProxyConfig config;
  private final ClientDialect errors;

  Diagnostics(Vertx vertx, ProxyConfig config, ClientDialect errors) {
    this.vertx = vertx;
    this.config = config;
    this.errors = errors;
  }

  void mount(Router router) {
    router.get("/v1/diagnostics").handler(this::show);
    router.post("/v1/diagnostics/backends/:name/reactivate").handler(this::reactivate);
  }

  private void show(RoutingContext rc) {
    HealthReports.of(vertx.eventBus(), config.backends().keySet()).onComplete(ar -> {
      ObjectNode body = Json.NODES.objectNode();
      ArrayNode backends = body.putArray("backends");
      ar.result().forEach(health -> backends.add(Json.MAPPER.valueToTree(health)));
      Replies.json(rc.response(), 200, body);
    });
  }

  private void reactivate(RoutingContext rc) {
    String name = rc.pathParam("name");
    if (!config.backends().containsKey(name)) {
      Replies.error(rc.response(), errors, ProxyError.notFound("unknown backend '" + name + "' (configured: "
          + String.join(", ", config.backends().keySet()) + ")"));
      return;
    }
    vertx.eventBus().<BackendHealth>request(Addresses.reactivate(name), null,
        new DeliveryOptions().setSendTimeout(REACTIVATE_TIMEOUT_MS)).map(Message::body).onComplete(ar -> {
          if (ar.succeeded()) {
            Replies.json(rc.response(), 200, Json.MAPPER.valueToTree(ar.result()));
          } else {
            Replies.error(rc.response(), errors, ProxyError.of(ProxyError.Kind.UNAVAILABLE,
                "backend '" + name + "' did not answer: " + ar.cause().getMessage()));
          }
        });
  }
}
