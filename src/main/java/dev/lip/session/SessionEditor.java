package dev.lip.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A session being changed by commands. Nothing is stored until {@link #build} is called, so a command
 * that fails half-way changes nothing.
 */
public final class SessionEditor {
  private final Session original;
  public String backend;
  public String model;
  public String route;
  public String oneoff;
  public Double temperature;
  public Double topP;
  public Integer maxTokens;
  public String reasoningEffort;
  public Integer thinkingBudget;
  public String commandPrefix;
  public Boolean interactive;
  public Boolean redactApiKeys;
  public String project;
  private final Map<String, List<String>> failoverRoutes = new LinkedHashMap<>();

  SessionEditor(Session session) {
    this.original = session;
    backend = session.backend();
    model = session.model();
    route = session.route();
    oneoff = session.oneoff();
    Overrides o = session.overrides();
    temperature = o.temperature();
    topP = o.topP();
    maxTokens = o.maxTokens();
    reasoningEffort = o.reasoningEffort();
    thinkingBudget = o.thinkingBudget();
    commandPrefix = session.commandPrefix();
    interactive = session.interactive();
    redactApiKeys = session.redactApiKeys();
    project = session.project();
    session.failoverRoutes().forEach((name, elements) -> failoverRoutes.put(name, new ArrayList<>(elements)));
  }

  /** The session as it was before this edit. */
  public Session original() {
    return original;
  }

  /** The named failover routes, mutable: name → elements in order. */
  public Map<String, List<String>> failoverRoutes() {
    return failoverRoutes;
  }

  /**
   * The changed session, or the original one when nothing changed.
   *
   * @param now epoch milliseconds of the change
   */
  public Session build(long now) {
    Session changed = new Session(original.key(), backend, model, route, oneoff,
        new Overrides(temperature, topP, maxTokens, reasoningEffort, thinkingBudget), commandPrefix, interactive,
        redactApiKeys, project, failoverRoutes, original.createdAt(), original.updatedAt(), original.commands());
    if (changed.equals(original)) {
      return original;
    }
    return new Session(original.key(), changed.backend(), changed.model(), changed.route(), changed.oneoff(),
        changed.overrides(), commandPrefix, interactive, redactApiKeys, project, changed.failoverRoutes(),
        original.createdAt(), now, original.commands() + 1);
  }
}
