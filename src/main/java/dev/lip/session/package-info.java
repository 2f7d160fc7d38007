/**
 * Sessions: what a user changed with in-chat commands (backend, model, route, parameters, one-off,
 * command prefix, named failover routes), kept under a key the frontend derives from each request.
 * {@link dev.lip.session.SessionStore} hides where sessions live; {@link dev.lip.session.LocalSessionStore}
 * keeps them in this process, bounded in size and expiring when idle.
 */
package dev.lip.session;
