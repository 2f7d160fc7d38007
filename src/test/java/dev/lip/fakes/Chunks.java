package dev.lip.fakes;

/** OpenAI {@code chat.completion.chunk} payloads for scripting fake upstreams. */
public final class Chunks {
  private static final String HEAD =
      "{\"id\":\"chatcmpl-up\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o\",";

  private Chunks() {
  }

  public static String text(String text) {
    return HEAD + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text + "\"},\"finish_reason\":null}]}";
  }

  public static String reasoning(String text) {
    return HEAD + "\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"" + text
        + "\"},\"finish_reason\":null}]}";
  }

  public static String toolStart(int index, String id, String name) {
    return HEAD + "\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":" + index + ",\"id\":\"" + id
        + "\",\"type\":\"function\",\"function\":{\"name\":\"" + name
        + "\",\"arguments\":\"\"}}]},\"finish_reason\":null}]}";
  }

  public static String toolArgs(int index, String escapedFragment) {
    return HEAD + "\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":" + index
        + ",\"function\":{\"arguments\":\"" + escapedFragment + "\"}}]},\"finish_reason\":null}]}";
  }

  public static String finish(String reason) {
    return HEAD + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"" + reason + "\"}]}";
  }

  public static String usage(int prompt, int completion, int cached, int reasoning) {
    return HEAD + "\"choices\":[],\"usage\":{\"prompt_tokens\":" + prompt + ",\"completion_tokens\":" + completion
        + ",\"total_tokens\":" + (prompt + completion) + ",\"prompt_tokens_details\":{\"cached_tokens\":"
        + cached + "},\"completion_tokens_details\":{\"reasoning_tokens\":" + reasoning + "}}}";
  }

  /**
   * Two parallel tool calls whose argument fragments interleave, as OpenAI streams them:
   * {@code call_a get_weather {"city":"Paris"}} and {@code call_b get_time {"tz":"UTC"}}.
   */
  public static String[] interleavedToolCalls() {
    return new String[] {
        toolStart(0, "call_a", "get_weather"),
        toolStart(1, "call_b", "get_time"),
        toolArgs(0, "{\\\"city\\\":"),
        toolArgs(1, "{\\\"tz\\\":\\\"UTC\\\"}"),
        toolArgs(0, "\\\"Paris\\\"}"),
        finish("tool_calls")};
  }

  /** A complete non-streamed answer with text, usage and a stop reason. */
  public static String completion(String text) {
    return "{\"id\":\"chatcmpl-up\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-4o\","
        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + text + "\"},"
        + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":7,"
        + "\"total_tokens\":18,\"prompt_tokens_details\":{\"cached_tokens\":4},"
        + "\"completion_tokens_details\":{\"reasoning_tokens\":2}}}";
  }
}
