package dev.lip.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One chat request in canonical form, whatever door it came through.
 *
 * @param selector          the routing selector the client sent as its model (e.g. {@code openai:gpt-4o})
 * @param system            system prompt parts, in order
 * @param messages          the conversation, oldest first
 * @param tools             tools offered to the model
 * @param toolChoice        the tool choice, or {@code null} for the provider default
 * @param parallelToolCalls whether several tool calls may come in one turn, or {@code null}
 * @param stream            whether the client asked for a streamed answer
 * @param includeUsage      whether a streaming client asked for a usage report
 * @param responseFormat    the required answer shape, or {@code null}
 * @param user              the end-user identifier some providers take, or {@code null}
 * @param metadata          client metadata (string values only)
 */
public record ChatRequest(
    String selector,
    List<Part> system,
    List<Message> messages,
    List<ToolDefinition> tools,
    ToolChoice toolChoice,
    Boolean parallelToolCalls,
    Sampling sampling,
    Reasoning reasoning,
    ResponseFormat responseFormat,
    boolean stream,
    boolean includeUsage,
    String user,
    Map<String, String> metadata,
    Passthrough passthrough) {

  public ChatRequest {
    Objects.requireNonNull(selector, "selector");
    system = List.copyOf(system);
    messages = List.copyOf(messages);
    tools = List.copyOf(tools);
    Objects.requireNonNull(sampling, "sampling");
    Objects.requireNonNull(reasoning, "reasoning");
    metadata = Map.copyOf(metadata);
    Objects.requireNonNull(passthrough, "passthrough");
  }

  /** A plain request: one user message, defaults everywhere else. */
  public static ChatRequest simple(String selector, String userText, boolean stream) {
    return new ChatRequest(selector, List.of(), List.of(Message.text(Role.USER, userText)), List.of(),
        null, null, Sampling.DEFAULTS, Reasoning.UNSET, null, stream, false, null, Map.of(),
        Passthrough.NONE);
  }

  /** This request addressed to {@code newSelector}, e.g. the bare model once the backend is chosen. */
  public ChatRequest withSelector(String newSelector) {
    return new ChatRequest(newSelector, system, messages, tools, toolChoice, parallelToolCalls, sampling,
        reasoning, responseFormat, stream, includeUsage, user, metadata, passthrough);
  }

  /** This request, streamed or not (some doors take the stream flag from the URL, not the body). */
  public ChatRequest withStream(boolean newStream) {
    return new ChatRequest(selector, system, messages, tools, toolChoice, parallelToolCalls, sampling,
        reasoning, responseFormat, newStream, includeUsage, user, metadata, passthrough);
  }

  /** This request with other messages (e.g. a stored conversation resumed before the new input). */
  public ChatRequest withMessages(List<Message> newMessages) {
    return new ChatRequest(selector, system, newMessages, tools, toolChoice, parallelToolCalls, sampling,
        reasoning, responseFormat, stream, includeUsage, user, metadata, passthrough);
  }

  /** This request with another system prompt. */
  public ChatRequest withSystem(List<Part> newSystem) {
    return new ChatRequest(selector, newSystem, messages, tools, toolChoice, parallelToolCalls, sampling,
        reasoning, responseFormat, stream, includeUsage, user, metadata, passthrough);
  }

  /** This request with other sampling parameters. */
  public ChatRequest withSampling(Sampling newSampling) {
    return new ChatRequest(selector, system, messages, tools, toolChoice, parallelToolCalls, newSampling,
        reasoning, responseFormat, stream, includeUsage, user, metadata, passthrough);
  }

  /** This request with another reasoning setting. */
  public ChatRequest withReasoning(Reasoning newReasoning) {
    return new ChatRequest(selector, system, messages, tools, toolChoice, parallelToolCalls, sampling,
        newReasoning, responseFormat, stream, includeUsage, user, metadata, passthrough);
  }

  /** The latest message written by the user, if any. */
  public Message lastUserMessage() {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i).role() == Role.USER) {
        return messages.get(i);
      }
    }
    return null;
  }
}
