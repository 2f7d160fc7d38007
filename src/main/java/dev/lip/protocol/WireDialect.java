package dev.lip.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lip.model.ChatRequest;
import dev.lip.model.ChatResponse;
import java.util.ArrayList;
import java.util.List;

/** The provider side of a dialect: what a backend needs to talk to a provider in it. */
public interface WireDialect {

  /** The dialect name, matching {@link dev.lip.model.Passthrough#dialect()} (e.g. {@code openai-chat}). */
  String name();

  /**
   * The path of the request, appended to the backend's base URL (e.g. {@code /chat/completions}, or
   * {@code /models/gemini-2.5-pro:streamGenerateContent?alt=sse}).
   */
  String requestPath(String model, boolean stream);

  /**
   * The provider request body for {@code request}, addressed to {@code model}. Passthrough fields of
   * the same dialect are copied verbatim.
   */
  JsonNode encodeRequest(ChatRequest request, String model);

  /**
   * {@link #encodeRequest} as compact UTF-8 JSON, the form sent to the provider; a dialect may write it
   * without building the tree.
   */
  default byte[] encodeRequestBytes(ChatRequest request, String model) {
    return Json.bytes(encodeRequest(request, model));
  }

  /** A fresh decoder for one streamed provider response. */
  StreamDecoder newStreamDecoder();

  /** Decodes a complete (non-streamed) provider response. */
  ChatResponse decodeResponse(JsonNode body);

  /**
   * Reads the body of a complete (non-streamed) provider answer sent with status 200:
   * {@link ProviderAnswer.Unreadable} when it is not a JSON object, a {@link ProviderAnswer.Failed} with the
   * {@link #errorMessage} when its {@code error} member is an object, else the {@link #decodeResponse} of
   * the body. A dialect may override this to read the bytes more cheaply, to the same result.
   */
  default ProviderAnswer decodeAnswer(byte[] body) {
    JsonNode tree = Json.parseLenient(body);
    if (!tree.isObject()) {
      return ProviderAnswer.Unreadable.NOT_AN_OBJECT;
    }
    if (tree.path("error").isObject()) {
      return new ProviderAnswer.Failed(errorMessage(tree));
    }
    return new ProviderAnswer.Decoded(decodeResponse(tree));
  }

  /** The path of the provider's model list, appended to the base URL. */
  default String modelsPath() {
    return "/models";
  }

  /** The model ids in the provider's model list body ({@code data[].id} unless the dialect differs). */
  default List<String> modelIds(JsonNode modelList) {
    List<String> ids = new ArrayList<>();
    for (JsonNode model : modelList.path("data")) {
      if (model.path("id").isTextual()) {
        ids.add(model.path("id").asText());
      }
    }
    return ids;
  }

  /** The provider's own code or type inside an error body, or {@code null} ({@link Json#errorCode}). */
  default String errorCode(JsonNode errorBody) {
    return Json.errorCode(errorBody);
  }

  /** The human-readable message inside a provider error body, or {@code null} ({@link Json#errorMessage}). */
  default String errorMessage(JsonNode errorBody) {
    return Json.errorMessage(errorBody);
  }
}
