package dev.lip.session;

import io.vertx.core.Future;

/**
 * Where sessions live. Asynchronous, so that a store shared by a cluster fits behind it; a local store
 * answers with completed futures.
 */
public interface SessionStore {

  /** The session stored under {@code key}, or {@code null} when there is none (never changed, or expired). */
  Future<Session> get(String key);

  /** Stores {@code session} under its key, replacing what was there. */
  Future<Void> put(Session session);

  /** About how many sessions are held now. */
  long size();
}
