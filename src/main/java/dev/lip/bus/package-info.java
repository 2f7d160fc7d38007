/**
 * The event-bus contract between the verticles: addresses, message records and their codecs.
 *
 * <p>Every body is an immutable record with one registered codec ({@link dev.lip.bus.BusCodecs}): on
 * the local path the same instance is handed over, on the cluster path it travels as JSON. Request-scoped
 * ids are fields of the records, not message headers, so that a message needs no header map. No request
 * uses request/reply: a {@link dev.lip.bus.Call} is answered on the caller's stream address, a {@link dev.lip.bus.Dispatch} on
 * the router's outcome address, so that a request registers no reply consumer and arms no timer.
 */
package dev.lip.bus;
