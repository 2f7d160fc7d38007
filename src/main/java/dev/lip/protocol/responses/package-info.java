/**
 * The OpenAI Responses dialect ({@code /v1/responses}). {@link dev.lip.protocol.responses.ResponsesDialect} is
 * the only public type; the codecs behind it are package-private and share one Jackson mapper.
 *
 * <p>{@code Params}, {@code Json} and {@code Errors} are copies of the package-private helpers of
 * {@code dev.lip.protocol.openai}, to be consolidated later.
 */
package dev.lip.protocol.responses;
