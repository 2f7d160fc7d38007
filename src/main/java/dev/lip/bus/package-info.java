/**
 * The event-bus contract between the verticles: addresses, message records and their codecs.
 *
 * <p>Every body is an immutable record with one registered codec ({@link dev.lip.bus.BusCodecs}): on
 * the local path the same instance is handed over, on the cluster path it travels as JSON. Request-scoped
 * ids travel in message headers ({@link dev.lip.bus.Headers}).
 */
package dev.lip.bus;
