package dev.lip.loadtest;

import java.nio.charset.StandardCharsets;

/** Pre-rendered OpenAI Chat Completions payloads served by {@link FakeUpstreamVerticle}. */
final class FakeResponses {
  private static final String MODEL = "gpt-4o-mini";
  private static final String CHUNK_PREFIX =
      "data: {\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
          + "\"model\":\"" + MODEL + "\",";

  /** Non-stream {@code chat.completion} body. */
  final byte[] completion;
  /** One SSE event per element: N content chunks, a usage chunk, then {@code data: [DONE]}. */
  final byte[][] streamEvents;
  /** Body of {@code GET /v1/models}. */
  final byte[] models;

  FakeResponses(int chunks) {
    completion = utf8("{\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion\",\"created\":1700000000,"
        + "\"model\":\"" + MODEL + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
        + "\"content\":\"Hello from the fake upstream.\"},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
        + "\"usage\":{\"prompt_tokens\":8,\"completion_tokens\":6,\"total_tokens\":14}}");
    streamEvents = new byte[chunks + 2][];
    for (int i = 0; i < chunks; i++) {
      String role = i == 0 ? "\"role\":\"assistant\"," : "";
      String finish = i == chunks - 1 ? "\"stop\"" : "null";
      streamEvents[i] = utf8(CHUNK_PREFIX + "\"choices\":[{\"index\":0,\"delta\":{" + role
          + "\"content\":\"tok" + i + " \"},\"logprobs\":null,\"finish_reason\":" + finish + "}]}\n\n");
    }
    streamEvents[chunks] = utf8(CHUNK_PREFIX + "\"choices\":[],\"usage\":{\"prompt_tokens\":8,"
        + "\"completion_tokens\":" + chunks + ",\"total_tokens\":" + (8 + chunks) + "}}\n\n");
    streamEvents[chunks + 1] = utf8("data: [DONE]\n\n");
    models = utf8("{\"object\":\"list\",\"data\":[{\"id\":\"" + MODEL
        + "\",\"object\":\"model\",\"created\":1700000000,\"owned_by\":\"fake\"}]}");
  }

  /** True when a request body asks for streaming ({@code "stream": true}), without full JSON parsing. */
  static boolean wantsStream(String body) {
    int at = body.indexOf("\"stream\"");
    if (at < 0) {
      return false;
    }
    int i = at + "\"stream\"".length();
    while (i < body.length() && (body.charAt(i) == ' ' || body.charAt(i) == ':'
        || body.charAt(i) == '\t' || body.charAt(i) == '\n' || body.charAt(i) == '\r')) {
      i++;
    }
    return body.startsWith("true", i);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
