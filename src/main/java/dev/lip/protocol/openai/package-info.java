/**
 * The OpenAI Chat Completions dialect. {@link dev.lip.protocol.openai.OpenAiChatDialect} is the only
 * public type; the codecs behind it are package-private and share one Jackson mapper.
 */
package dev.lip.protocol.openai;
