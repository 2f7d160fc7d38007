package dev.lip.protocol.responses;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lip.model.ChatRequest;
import dev.lip.model.ChatResponse;
import dev.lip.model.ProxyError;
import dev.lip.protocol.ClientDialect;
import dev.lip.protocol.StreamDecoder;
import dev.lip.protocol.StreamEncoder;
import dev.lip.protocol.WireDialect;
import dev.lip.protocol.openai.Errors;
import java.time.Clock;
import java.util.Objects;

/**
 * The OpenAI Responses dialect ({@code /v1/responses}), both as a client door (Codex CLI, the OpenAI SDKs)
 * and as the wire of Responses backends. Stateless and thread-safe; stream codecs are created per stream.
 *
 * <p>Decoding validates the client body and reports the offending path (e.g. {@code input[2].content}) in
 * {@link dev.lip.protocol.InvalidRequestException}; what has no canonical home travels as a
 * {@link dev.lip.model.Passthrough} of dialect {@value #NAME} (see {@code RequestDecoder}). Reasoning items
 * round-trip through thinking parts whose signature is the {@code encrypted_content}; item ids are not kept
 * and are derived from the response id when answering.
 */
public final class ResponsesDialect implements ClientDialect, WireDialect {
  /** The dialect name, also the {@link dev.lip.model.Passthrough} dialect of requests it decodes. */
  public static final String NAME = "openai-responses";

  private final Clock clock;

  /** A dialect that stamps responses with the system clock. */
  public ResponsesDialect() {
    this(Clock.systemUTC());
  }

  /** A dialect that stamps non-streamed responses ({@code created_at}) with {@code clock}. */
  public ResponsesDialect(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ChatRequest decodeRequest(JsonNode body) {
    return RequestDecoder.decode(body);
  }

  @Override
  public JsonNode encodeResponse(ChatResponse response) {
    return ResponseCodec.encode(response, null, clock.millis() / 1000);
  }

  @Override
  public JsonNode encodeResponse(ChatResponse response, ChatRequest request) {
    return ResponseCodec.encode(response, request, clock.millis() / 1000);
  }

  @Override
  public StreamEncoder newStreamEncoder(ChatRequest request, long createdEpochSeconds) {
    return new ResponsesStreamEncoder(request, createdEpochSeconds);
  }

  /**
   * {@code {"error":{"message","type","param","code"}}}, exactly as the Chat Completions dialect writes it:
   * the type follows the kind, {@code param} is set for invalid requests only, {@code code} is
   * {@code model_not_found}, {@code request_too_large} or {@code rate_limit_exceeded} for those kinds, else
   * the provider's own code if known.
   */
  @Override
  public JsonNode errorBody(ProxyError error) {
    return Errors.body(error);
  }

  @Override
  public String requestPath(String model, boolean stream) {
    return "/responses";
  }

  @Override
  public JsonNode encodeRequest(ChatRequest request, String model) {
    return RequestEncoder.encode(request, model);
  }

  @Override
  public StreamDecoder newStreamDecoder() {
    return new ResponsesStreamDecoder();
  }

  @Override
  public ChatResponse decodeResponse(JsonNode body) {
    return ResponseCodec.decode(body);
  }

  /** The id a client of this dialect sees for {@code response}. */
  public static String responseId(ChatResponse response) {
    return response.id();
  }
}
