/**
 * Backends: one {@link dev.lip.backend.BackendVerticle} per configured backend instance, owning its
 * provider connection, and the {@link dev.lip.backend.Provider} descriptions that differ per provider
 * type (in {@code providers}).
 *
 * <p>A backend sends the stream's {@link dev.lip.model.ChatEvent.Started} event of a
 * {@link dev.lip.bus.Dispatch} only once the first content event arrived, then tells the router with a
 * {@link dev.lip.bus.DispatchOutcome}; any failure before that is a rejected outcome and nothing reaches
 * the client, so the router may try another candidate.
 *
 * <p>Every backend records the signatures its answers carry in the proxy's
 * {@link dev.lip.backend.SignatureLedger}, and sends its provider none that another wire dialect made.
 */
package dev.lip.backend;
