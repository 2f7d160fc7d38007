package dev.lip.protocol.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lip.model.ChatRequest;
import dev.lip.model.ChatResponse;
import dev.lip.model.ProxyError;
import dev.lip.protocol.ClientDialect;
import dev.lip.protocol.StreamDecoder;
import dev.lip.protocol.StreamEncoder;
import dev.lip.protocol.WireDialect;

/**
 * The Anthropic Messages dialect ({@code /v1/messages}), both as a client door (Claude Code, Anthropic
 * SDKs) and as the wire of Anthropic backends. Stateless and thread-safe; stream codecs are created per
 * stream.
 *
 * <p>Decoding validates the client body and reports the offending path (e.g.
 * {@code messages[1].content[0].type}) in {@link dev.lip.protocol.InvalidRequestException}; unknown
 * top-level fields ({@code output_config}, {@code context_management}, {@code service_tier}, …) and server
 * tools travel as a {@link dev.lip.model.Passthrough} of dialect {@value #NAME}, so only an Anthropic
 * backend ever sees them. Usage is normalised so that canonical input tokens count the whole prompt
 * (uncached + cache read + cache creation).
 */
public final class AnthropicDialect implements ClientDialect, WireDialect {
  /** The dialect name, also the {@link dev.lip.model.Passthrough} dialect of requests it decodes. */
  public static final String NAME = "anthropic-messages";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ChatRequest decodeRequest(JsonNode body) {
    return MessagesRequestDecoder.decode(body);
  }

  @Override
  public JsonNode encodeResponse(ChatResponse response) {
    return MessagesResponseCodec.encode(response);
  }

  /** The creation time is not used: Messages events carry no time stamp. */
  @Override
  public StreamEncoder newStreamEncoder(ChatRequest request, long createdEpochSeconds) {
    return new MessagesStreamEncoder(request);
  }

  /**
   * {@code {"type":"error","error":{"type","message"}}}: {@code invalid_request_error} (400),
   * {@code authentication_error} (401), {@code permission_error} (403), {@code not_found_error} (404),
   * {@code request_too_large} (413), {@code rate_limit_error} (429), {@code overloaded_error} for status
   * 529 and for {@code UNAVAILABLE} (503), {@code api_error} for every other server-side failure (500, 502,
   * 504, …). The HTTP status is the error's own.
   */
  @Override
  public JsonNode errorBody(ProxyError error) {
    return Errors.body(error);
  }

  @Override
  public String requestPath(String model, boolean stream) {
    return "/messages";
  }

  @Override
  public JsonNode encodeRequest(ChatRequest request, String model) {
    return MessagesRequestEncoder.encode(request, model);
  }

  @Override
  public StreamDecoder newStreamDecoder() {
    return new MessagesStreamDecoder();
  }

  @Override
  public ChatResponse decodeResponse(JsonNode body) {
    return MessagesResponseCodec.decode(body);
  }
}
