/**
 * The HTTP side: {@link dev.lip.frontend.FrontendVerticle} serves the client doors, checks client keys,
 * decodes each request in its door's dialect, calls the router and renders the answer events back in
 * that dialect, as JSON or as an SSE stream with keep-alives and backpressure.
 */
package dev.lip.frontend;
