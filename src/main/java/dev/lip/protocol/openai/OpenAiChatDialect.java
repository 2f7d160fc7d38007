package dev.lip.protocol.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lip.model.ChatRequest;
import dev.lip.model.ChatResponse;
import dev.lip.model.ProxyError;
import dev.lip.protocol.ClientDialect;
import dev.lip.protocol.Json;
import dev.lip.protocol.ProviderAnswer;
import dev.lip.protocol.StreamDecoder;
import dev.lip.protocol.StreamEncoder;
import dev.lip.protocol.WireDialect;
import java.time.Clock;
import java.util.Objects;

/**
 * The OpenAI Chat Completions dialect ({@code /v1/chat/completions}), both as a client door and as the wire
 * of OpenAI-compatible backends. Stateless and thread-safe; stream codecs are created per stream.
 *
 * <p>Decoding validates the client body and reports the offending path (e.g. {@code messages[1].content})
 * in {@link dev.lip.protocol.InvalidRequestException}; unknown top-level fields travel as a
 * {@link dev.lip.model.Passthrough} of dialect {@value #NAME}. Encoding for a provider always asks for
 * usage when streaming and never sends reasoning back (Chat Completions has no input field for it).
 */
public final class OpenAiChatDialect implements ClientDialect, WireDialect {
  /** The dialect name, also the {@link dev.lip.model.Passthrough} dialect of requests it decodes. */
  public static final String NAME = "openai-chat";

  private final Clock clock;

  /** A dialect that stamps responses with the system clock. */
  public OpenAiChatDialect() {
    this(Clock.systemUTC());
  }

  /** A dialect that stamps non-streamed responses ({@code created}) with {@code clock}. */
  public OpenAiChatDialect(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ChatRequest decodeRequest(JsonNode body) {
    return ChatRequestDecoder.decode(body);
  }

  @Override
  public JsonNode encodeResponse(ChatResponse response) {
    return Json.parseLenient(encodeResponseBytes(response, null));
  }

  @Override
  public byte[] encodeResponseBytes(ChatResponse response, ChatRequest request) {
    return ChatResponseCodec.write(response, clock.millis() / 1000);
  }

  @Override
  public StreamEncoder newStreamEncoder(ChatRequest request, long createdEpochSeconds) {
    return new ChatStreamEncoder(request, createdEpochSeconds);
  }

  /**
   * {@code {"error":{"message","type","param","code"}}}. The type follows the kind
   * ({@code invalid_request_error}, {@code authentication_error}, {@code permission_error},
   * {@code not_found_error}, {@code rate_limit_error}, {@code timeout_error}, {@code server_error} for
   * internal failures, {@code api_error} otherwise); {@code param} is set for invalid requests only;
   * {@code code} is {@code model_not_found}, {@code request_too_large} or {@code rate_limit_exceeded} for
   * those kinds, else the provider's own code if known.
   */
  @Override
  public JsonNode errorBody(ProxyError error) {
    return Errors.body(error);
  }

  @Override
  public String requestPath(String model, boolean stream) {
    return "/chat/completions";
  }

  @Override
  public JsonNode encodeRequest(ChatRequest request, String model) {
    return Json.parseLenient(encodeRequestBytes(request, model));
  }

  @Override
  public byte[] encodeRequestBytes(ChatRequest request, String model) {
    return ChatRequestEncoder.write(request, model);
  }

  @Override
  public StreamDecoder newStreamDecoder() {
    return new ChatStreamDecoder();
  }

  @Override
  public ChatResponse decodeResponse(JsonNode body) {
    ChatResponse response = ChatResponseDecoder.read(body).response();
    return response == null ? ChatResponseDecoder.EMPTY_RESPONSE : response;
  }

  /** Reads the bytes without building a tree ({@link ChatResponseDecoder}): no tree on the answer path. */
  @Override
  public ProviderAnswer decodeAnswer(byte[] body) {
    ChatResponseDecoder.Body read = ChatResponseDecoder.read(body);
    if (read.response() == null) {
      return ProviderAnswer.Unreadable.NOT_AN_OBJECT;
    }
    if (read.errorObject()) {
      // Rare: only an error sent with status 200 pays for a tree, to read its message.
      return new ProviderAnswer.Failed(errorMessage(Json.parseLenient(body)));
    }
    return new ProviderAnswer.Decoded(read.response());
  }
}
