package dev.lip.protocol.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lip.model.ChatResponse;
import dev.lip.model.Part;
import dev.lip.model.Usage;
import dev.lip.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a provider's {@code chat.completion} body token by token, skipping all but the few fields it needs:
 * the answer path of every non-streamed request, so no tree in between. Tolerant: only the first choice
 * counts, missing usage is {@link Usage#ZERO}, {@code reasoning_content} (or {@code reasoning}) becomes a
 * leading thinking part, and content given as an array of text parts is concatenated. It reads what a
 * tree would give: a repeated key counts with its last value. A body that is not a JSON object is
 * {@link Body#NOT_AN_OBJECT}. Never throws.
 */
final class ChatResponseDecoder {
  /** The answer of a body without choices, id, model or usage. */
  static final ChatResponse EMPTY_RESPONSE = response(null, null, null, Usage.ZERO);

  private ChatResponseDecoder() {
  }

  /**
   * What a body holds.
   *
   * @param response    the answer it gives, {@code null} when it is not a JSON object
   * @param errorObject whether its {@code error} member is an object: an error sent instead of an answer
   */
  record Body(ChatResponse response, boolean errorObject) {
    /** A body that is not a JSON object: not JSON, cut short, or another JSON value. */
    static final Body NOT_AN_OBJECT = new Body(null, false);
  }

  /** Reads one value, the parser on its first token, and leaves the parser on its last token. */
  @FunctionalInterface
  private interface ValueReader<T> {
    T read(JsonParser json) throws IOException;
  }

  private record Choice(Message message, String finishReason) {
  }

  private record Message(String reasoningContent, String reasoning, String text, List<Call> calls) {
  }

  private record Call(String id, String name, String arguments) {
  }

  private record Function(String name, String arguments) {
  }

  /** Reads a {@code chat.completion} body given as UTF-8 JSON bytes. */
  static Body read(byte[] body) {
    try (JsonParser json = Json.FACTORY.createParser(body)) {
      return body(json);
    } catch (IOException e) {
      return Body.NOT_AN_OBJECT;
    }
  }

  /** Reads a {@code chat.completion} body given as a tree, walking its nodes as tokens. */
  static Body read(JsonNode body) {
    try (JsonParser json = body.traverse()) {
      return body(json);
    } catch (IOException e) {
      throw new UncheckedIOException("a tree always reads", e);
    }
  }

  private static Body body(JsonParser json) throws IOException {
    return json.nextToken() == JsonToken.START_OBJECT ? root(json) : Body.NOT_AN_OBJECT;
  }

  private static Body root(JsonParser json) throws IOException {
    String id = null;
    String model = null;
    Choice choice = null;
    Usage usage = Usage.ZERO;
    boolean errorObject = false;
    String name;
    while ((name = json.nextFieldName()) != null) {
      json.nextToken();
      switch (name) {
        case "id":
          id = text(json);
          break;
        case "model":
          model = text(json);
          break;
        case "choices":
          choice = firstChoice(json);
          break;
        case "usage":
          usage = UsageJson.read(json);
          break;
        case "error":
          errorObject = json.currentToken() == JsonToken.START_OBJECT;
          json.skipChildren();
          break;
        default:
          json.skipChildren();
          break;
      }
    }
    return new Body(response(id, model, choice, usage), errorObject);
  }

  /** The first element of the {@code choices} array, {@code null} when absent or not an object. */
  private static Choice firstChoice(JsonParser json) throws IOException {
    if (json.currentToken() != JsonToken.START_ARRAY) {
      json.skipChildren();
      return null;
    }
    Choice first = null;
    if (json.nextToken() != JsonToken.END_ARRAY) {
      first = choice(json);
      while (json.nextToken() != JsonToken.END_ARRAY) {
        json.skipChildren();
      }
    }
    return first;
  }

  private static Choice choice(JsonParser json) throws IOException {
    if (!object(json)) {
      return null;
    }
    Message message = null;
    String finishReason = null;
    String name;
    while ((name = json.nextFieldName()) != null) {
      json.nextToken();
      switch (name) {
        case "message":
          message = message(json);
          break;
        case "finish_reason":
          finishReason = text(json);
          break;
        default:
          json.skipChildren();
          break;
      }
    }
    return new Choice(message, finishReason);
  }

  private static Message message(JsonParser json) throws IOException {
    if (!object(json)) {
      return null;
    }
    String reasoningContent = null;
    String reasoning = null;
    String text = "";
    List<Call> calls = List.of();
    String name;
    while ((name = json.nextFieldName()) != null) {
      json.nextToken();
      switch (name) {
        case "reasoning_content":
          reasoningContent = text(json);
          break;
        case "reasoning":
          reasoning = text(json);
          break;
        case "content":
          text = content(json);
          break;
        case "tool_calls":
          calls = elements(json, ChatResponseDecoder::call);
          break;
        default:
          json.skipChildren();
          break;
      }
    }
    return new Message(reasoningContent, reasoning, text, calls);
  }

  /** Message content: a string, or the concatenated {@code text} of its parts. */
  private static String content(JsonParser json) throws IOException {
    if (json.currentToken() == JsonToken.VALUE_STRING) {
      return json.getText();
    }
    StringBuilder text = new StringBuilder();
    for (String part : elements(json, ChatResponseDecoder::partText)) {
      if (part != null) {
        text.append(part);
      }
    }
    return text.toString();
  }

  private static String partText(JsonParser json) throws IOException {
    if (!object(json)) {
      return null;
    }
    String text = null;
    String name;
    while ((name = json.nextFieldName()) != null) {
      json.nextToken();
      if (name.equals("text")) {
        text = text(json);
      } else {
        json.skipChildren();
      }
    }
    return text;
  }

  /** A tool call, {@code null} when it names no function. */
  private static Call call(JsonParser json) throws IOException {
    if (!object(json)) {
      return null;
    }
    String id = null;
    Function function = null;
    String name;
    while ((name = json.nextFieldName()) != null) {
      json.nextToken();
      switch (name) {
        case "id":
          id = text(json);
          break;
        case "function":
          function = function(json);
          break;
        default:
          json.skipChildren();
          break;
      }
    }
    return function != null && function.name() != null ? new Call(id, function.name(), function.arguments()) : null;
  }

  private static Function function(JsonParser json) throws IOException {
    if (!object(json)) {
      return null;
    }
    String functionName = null;
    String arguments = null;
    String name;
    while ((name = json.nextFieldName()) != null) {
      json.nextToken();
      switch (name) {
        case "name":
          functionName = text(json);
          break;
        case "arguments":
          arguments = text(json);
          break;
        default:
          json.skipChildren();
          break;
      }
    }
    return new Function(functionName, arguments);
  }

  /**
   * The elements of the array the parser is on, each read by {@code reader}. As a tree iterates them, an
   * object's values count as its elements (a repeated key keeps its first place and its last value), and
   * any other value has none.
   */
  private static <T> List<T> elements(JsonParser json, ValueReader<T> reader) throws IOException {
    if (json.currentToken() == JsonToken.START_ARRAY) {
      List<T> elements = new ArrayList<>();
      while (json.nextToken() != JsonToken.END_ARRAY) {
        elements.add(reader.read(json));
      }
      return elements;
    }
    if (json.currentToken() == JsonToken.START_OBJECT) {
      Map<String, T> values = new LinkedHashMap<>();
      String name;
      while ((name = json.nextFieldName()) != null) {
        json.nextToken();
        values.put(name, reader.read(json));
      }
      return new ArrayList<>(values.values());
    }
    json.skipChildren();
    return List.of();
  }

  /** Whether the parser is on an object; any other value is skipped. */
  private static boolean object(JsonParser json) throws IOException {
    if (json.currentToken() == JsonToken.START_OBJECT) {
      return true;
    }
    json.skipChildren();
    return false;
  }

  /** The string the parser is on, {@code null} for any other value (skipped). */
  private static String text(JsonParser json) throws IOException {
    if (json.currentToken() == JsonToken.VALUE_STRING) {
      return json.getText();
    }
    json.skipChildren();
    return null;
  }

  /** The response a body's fields describe; the finish reason counts only beside a message object. */
  private static ChatResponse response(String id, String model, Choice choice, Usage usage) {
    List<Part> content = new ArrayList<>();
    boolean hasToolCalls = false;
    String finishReason = null;
    Message message = choice != null ? choice.message() : null;
    if (message != null) {
      String reasoning = message.reasoningContent() != null ? message.reasoningContent() : message.reasoning();
      if (reasoning != null && !reasoning.isEmpty()) {
        content.add(new Part.Thinking(reasoning, null, null));
      }
      if (!message.text().isEmpty()) {
        content.add(Part.Text.of(message.text()));
      }
      for (Call call : message.calls()) {
        if (call != null) {
          content.add(new Part.ToolCall(call.id() != null ? call.id() : "call_" + content.size(), call.name(),
              call.arguments(), null));
          hasToolCalls = true;
        }
      }
      finishReason = choice.finishReason();
    }
    return new ChatResponse(id != null ? id : "", null, model != null ? model : "", content,
        FinishReasons.fromOpenAi(finishReason, hasToolCalls), usage);
  }
}
