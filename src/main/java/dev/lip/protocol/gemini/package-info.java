/**
 * The Gemini {@code generateContent} dialect. {@link dev.lip.protocol.gemini.GeminiDialect} is the only
 * public type; the codecs behind it are package-private and share one Jackson mapper.
 */
package dev.lip.protocol.gemini;
