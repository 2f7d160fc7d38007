/**
 * Routing decisions: {@link dev.lip.router.RouterVerticle} takes each {@link dev.lip.bus.Call}, resolves
 * its selector to a backend and model, applies parameter precedence and dispatches to the backend.
 */
package dev.lip.router;
