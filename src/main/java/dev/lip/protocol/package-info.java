/**
 * Wire dialects. Each sub-package ({@code openai}, later {@code anthropic}, {@code responses},
 * {@code gemini}) is written once and serves both sides: as a {@link dev.lip.protocol.ClientDialect}
 * behind a frontend door and as a {@link dev.lip.protocol.WireDialect} inside a backend provider. Every
 * dialect converts to and from the canonical model only. Codecs are pure functions over JSON and text,
 * testable without Vert.x.
 */
package dev.lip.protocol;
