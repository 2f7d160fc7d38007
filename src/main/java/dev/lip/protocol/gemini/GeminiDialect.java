package dev.lip.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lip.model.ChatRequest;
import dev.lip.model.ChatResponse;
import dev.lip.model.ProxyError;
import dev.lip.protocol.ClientDialect;
import dev.lip.protocol.StreamDecoder;
import dev.lip.protocol.StreamEncoder;
import dev.lip.protocol.WireDialect;
import java.util.ArrayList;
import java.util.List;

/**
 * The Gemini {@code generateContent} dialect ({@code /v1beta/models/{model}:generateContent} and
 * {@code :streamGenerateContent?alt=sse}), both as a client door and as the wire of Gemini backends.
 * Stateless and thread-safe; stream codecs are created per stream.
 *
 * <p><b>Decoding</b> (client → canonical). The model and the stream flag live in the URL: a body is decoded
 * with the body's {@code model} (else {@code ""}) as selector and {@code stream = false}; the door then calls
 * {@link ChatRequest#withSelector} and {@link ChatRequest#withStream}. {@code includeUsage} is always true
 * (Gemini always reports usage). Types are validated and the offending path (e.g.
 * {@code contents[1].parts[0].functionCall.name}) is reported in
 * {@link dev.lip.protocol.InvalidRequestException}. A user turn's {@code functionResponse} parts become a
 * {@code TOOL} message (content: the response object as JSON text; {@code isError} when it is exactly
 * {@code {"error": …}}), its other parts a following {@code USER} message. Calls without an id get one made
 * up from their position, and each response is paired with its call by id, else with the oldest unanswered
 * call of the same name. Tool schemas given as {@code parameters} (OpenAPI style) are converted to JSON
 * Schema; {@code parametersJsonSchema} is taken verbatim. What has no canonical home travels as a
 * {@link dev.lip.model.Passthrough} of dialect {@value #NAME}: unknown top-level fields verbatim
 * ({@code safetySettings}, {@code cachedContent}, {@code labels}, …), non-function {@code tools}
 * ({@code googleSearch}, {@code codeExecution}, …) under {@code tools}, the unmodelled members of
 * {@code generationConfig} under {@code generationConfig}, and the whole {@code toolConfig} when the tool
 * choice cannot say all it says (VALIDATED mode, several allowed names, {@code retrievalConfig}).
 *
 * <p><b>Encoding</b> (canonical → Gemini provider). Tool results become {@code functionResponse} parts of a
 * user turn (adjacent user-side messages merge into one turn), named after the call with that id, the
 * response being the result's JSON object or {@code {"result": text}} ({@code {"error": text}} for errors).
 * Thinking parts and tool-call signatures round-trip as {@code thought} parts and {@code thoughtSignature}.
 * Ids this dialect made up are not sent. Tool schemas are always sent as {@code parametersJsonSchema} (full
 * JSON Schema, so schemas from other dialects pass unchanged); free-form tools take one string
 * {@code input}. For Gemini 3 models, unsigned calls of the current tool loop get Gemini's documented
 * {@code skip_thought_signature_validator} signature. Reasoning becomes {@code thinkingConfig} (see
 * {@link RequestEncoder#thinkingConfig}). Passthrough fields of this dialect are merged back.
 */
public final class GeminiDialect implements ClientDialect, WireDialect {
  /** The dialect name, also the {@link dev.lip.model.Passthrough} dialect of requests it decodes. */
  public static final String NAME = "gemini";

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
    return ResponseCodec.encode(response);
  }

  @Override
  public StreamEncoder newStreamEncoder(ChatRequest request, long createdEpochSeconds) {
    return new GeminiStreamEncoder(request);
  }

  /**
   * {@code {"error":{"code","message","status"}}}: see {@link Errors#status(int)} for the status names, and
   * {@link Errors#body(ProxyError)} for the details that are added.
   */
  @Override
  public JsonNode errorBody(ProxyError error) {
    return Errors.body(error);
  }

  /**
   * {@code /v1beta/models/{model}:generateContent}, or {@code :streamGenerateContent?alt=sse} when
   * streaming. The model id is used as is (ids may hold {@code :} and {@code /}); an id that already names
   * its collection ({@code models/…}, {@code tunedModels/…}) is not prefixed again.
   */
  @Override
  public String requestPath(String model, boolean stream) {
    String resource = model.startsWith("models/") || model.startsWith("tunedModels/") ? model
        : "models/" + model;
    return "/v1beta/" + resource + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent");
  }

  @Override
  public JsonNode encodeRequest(ChatRequest request, String model) {
    return RequestEncoder.encode(request, model);
  }

  @Override
  public StreamDecoder newStreamDecoder() {
    return new GeminiStreamDecoder();
  }

  @Override
  public ChatResponse decodeResponse(JsonNode body) {
    return ResponseCodec.decode(body);
  }

  @Override
  public String modelsPath() {
    return "/v1beta/models";
  }

  /** Gemini lists {@code models[].name} as {@code models/<id>}. */
  @Override
  public List<String> modelIds(JsonNode modelList) {
    List<String> ids = new ArrayList<>();
    for (JsonNode model : modelList.path("models")) {
      String name = model.path("name").asText("");
      if (!name.isEmpty()) {
        ids.add(name.startsWith("models/") ? name.substring("models/".length()) : name);
      }
    }
    return ids;
  }
}
