/**
 * The Anthropic Messages dialect. {@link dev.lip.protocol.anthropic.AnthropicDialect} is the only public
 * type; the codecs behind it are package-private and share one Jackson mapper.
 */
package dev.lip.protocol.anthropic;
