package dev.lip.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The effective configuration, after defaults, YAML, environment and CLI flags were merged and checked.
 *
 * @param host             the address the frontend binds
 * @param port             the frontend port (0 picks a free one)
 * @param anthropicPort    a second port serving the same doors for Anthropic clients (0 picks a free
 *                         one), or -1 for none
 * @param defaultBackend   the selector used for a bare model; every target names a backend
 *                         ({@code backend}, {@code backend:model}, possibly composite as {@code a|b})
 * @param logLevel         the root log level
 * @param authDisabled     whether client keys are not checked
 * @param clientApiKeys    keys accepted from clients (secrets); empty means no check
 * @param bodyLimitBytes   the largest request body accepted
 * @param sseKeepAliveMs   silence after which a streaming client gets a keep-alive comment
 * @param slowClientMs     how long a client's write queue may stay full before it is cut off
 * @param backends         backend instances by name, in configuration order
 * @param commands         in-chat command settings (on or off, prefix)
 * @param staticRoute      the selector every request is sent to, whatever the client or a session asks
 *                         for, or {@code null} for none; when set, changing backend or model is refused
 * @param sessions         session store limits
 * @param modelAliases     regex rewrites of the requested model, first match wins (command line first,
 *                         then environment, then file)
 * @param failover         bounds of failover across a selector's branches
 * @param transport        the Netty transport asked for; {@link NetworkTransport#AUTO} picks the fastest
 */
public record ProxyConfig(
    String host, int port, int anthropicPort, String defaultBackend, String logLevel, boolean authDisabled,
    List<String> clientApiKeys, long bodyLimitBytes, long sseKeepAliveMs, long slowClientMs,
    Map<String, BackendConfig> backends, CommandSettings commands, String staticRoute,
    SessionSettings sessions, List<Alias> modelAliases, FailoverSettings failover, NetworkTransport transport) {

  /** A configuration with the transport the host offers best. */
  public ProxyConfig(
      String host, int port, int anthropicPort, String defaultBackend, String logLevel, boolean authDisabled,
      List<String> clientApiKeys, long bodyLimitBytes, long sseKeepAliveMs, long slowClientMs,
      Map<String, BackendConfig> backends, CommandSettings commands, String staticRoute,
      SessionSettings sessions, List<Alias> modelAliases, FailoverSettings failover) {
    this(host, port, anthropicPort, defaultBackend, logLevel, authDisabled, clientApiKeys, bodyLimitBytes,
        sseKeepAliveMs, slowClientMs, backends, commands, staticRoute, sessions, modelAliases, failover,
        NetworkTransport.AUTO);
  }

  /** A configuration without model aliases and with default failover bounds. */
  public ProxyConfig(
      String host, int port, int anthropicPort, String defaultBackend, String logLevel, boolean authDisabled,
      List<String> clientApiKeys, long bodyLimitBytes, long sseKeepAliveMs, long slowClientMs,
      Map<String, BackendConfig> backends, CommandSettings commands, String staticRoute,
      SessionSettings sessions) {
    this(host, port, anthropicPort, defaultBackend, logLevel, authDisabled, clientApiKeys, bodyLimitBytes,
        sseKeepAliveMs, slowClientMs, backends, commands, staticRoute, sessions, List.of(), FailoverSettings.DEFAULTS);
  }

  /** A configuration with default command, session and failover settings, no static route and no aliases. */
  public ProxyConfig(
      String host, int port, int anthropicPort, String defaultBackend, String logLevel, boolean authDisabled,
      List<String> clientApiKeys, long bodyLimitBytes, long sseKeepAliveMs, long slowClientMs,
      Map<String, BackendConfig> backends) {
    this(host, port, anthropicPort, defaultBackend, logLevel, authDisabled, clientApiKeys, bodyLimitBytes,
        sseKeepAliveMs, slowClientMs, backends, CommandSettings.DEFAULTS, null, SessionSettings.DEFAULTS);
  }

  public ProxyConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(defaultBackend, "defaultBackend");
    Objects.requireNonNull(logLevel, "logLevel");
    clientApiKeys = List.copyOf(clientApiKeys);
    backends = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(backends));
    Objects.requireNonNull(commands, "commands");
    Objects.requireNonNull(sessions, "sessions");
    modelAliases = List.copyOf(modelAliases);
    Objects.requireNonNull(failover, "failover");
    Objects.requireNonNull(transport, "transport");
  }

  @Override
  public String toString() {
    return "ProxyConfig[host=" + host + ", port=" + port + ", anthropicPort=" + anthropicPort
        + ", defaultBackend=" + defaultBackend
        + ", backends=" + backends.values()
        + ", commands=" + commands + ", staticRoute=" + staticRoute + ", sessions=" + sessions
        + ", modelAliases=" + modelAliases + ", failover=" + failover + ", transport=" + transport + "]";
  }
}
