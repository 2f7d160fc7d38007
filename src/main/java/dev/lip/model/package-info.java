/**
 * The canonical model: immutable records every dialect converts to and from.
 *
 * <p>A client request becomes one {@link dev.lip.model.ChatRequest}; every provider answer becomes a
 * stream of {@link dev.lip.model.ChatEvent}s; a non-streamed answer is the same events folded into a
 * {@link dev.lip.model.ChatResponse} by {@link dev.lip.model.ResponseAccumulator}. Every failure is a
 * {@link dev.lip.model.ProxyError}. No Vert.x type appears here. JSON values that have no canonical
 * shape (tool schemas, unknown fields) are Jackson trees that are never mutated once built.
 *
 * <p>Optional scalar fields are {@code null} when absent; collections are never {@code null}.
 */
package dev.lip.model;
