package dev.lip.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lip.model.ChatRequest;
import dev.lip.model.ChatResponse;
import dev.lip.model.ProxyError;

/** The client side of a dialect: what a frontend door needs to serve clients in it. */
public interface ClientDialect {

  /** The dialect name (e.g. {@code openai-chat}). */
  String name();

  /**
   * Decodes a client request body.
   *
   * @throws InvalidRequestException when the body is not a valid request in this dialect
   */
  ChatRequest decodeRequest(JsonNode body);

  /** Renders a complete answer as the response body. */
  JsonNode encodeResponse(ChatResponse response);

  /**
   * Renders a complete answer to {@code request} as the response body; dialects whose responses echo
   * request settings (the Responses API) override this.
   */
  default JsonNode encodeResponse(ChatResponse response, ChatRequest request) {
    return encodeResponse(response);
  }

  /**
   * {@link #encodeResponse(ChatResponse, ChatRequest)} as compact UTF-8 JSON, the form the client gets;
   * a dialect may write it without building the tree.
   */
  default byte[] encodeResponseBytes(ChatResponse response, ChatRequest request) {
    return Json.bytes(encodeResponse(response, request));
  }

  /**
   * A fresh encoder for one client stream.
   *
   * @param request the request being answered (its model name and stream options matter)
   * @param createdEpochSeconds the creation time stamped on every chunk
   */
  StreamEncoder newStreamEncoder(ChatRequest request, long createdEpochSeconds);

  /** The error body for {@code error}, to be sent with {@code error.httpStatus()}. */
  JsonNode errorBody(ProxyError error);
}
