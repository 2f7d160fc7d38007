package dev.lip.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lip.model.ChatEvent;
import dev.lip.model.ProxyError;
import dev.lip.model.StopReason;
import dev.lip.model.Usage;
import dev.lip.protocol.StreamEncoder;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatStreamEncoderTest {
  private static StreamEncoder encoder(boolean includeUsage) {
    return new OpenAiChatDialect().newStreamEncoder(GoldenStreamTest.streamingRequest(includeUsage), 1234L);
  }

  @Test
  void withoutIncludeUsageThereIsNoUsageChunk() {
    StreamEncoder enc = encoder(false);
    enc.encode(new ChatEvent.Started("id-1", "b", "m"));
    enc.encode(new ChatEvent.UsageReport(new Usage(1, 2, 0, 0, 0)));
    List<JsonNode> frames = Golden.dataFrames(enc.encode(new ChatEvent.Finished(StopReason.MAX_TOKENS)));
    assertThat(frames).containsExactly(
        Golden.parse("{\"id\":\"id-1\",\"object\":\"chat.completion.chunk\",\"created\":1234,\"model\":\"m\","
            + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"},\"logprobs\":null,"
            + "\"finish_reason\":\"length\"}]}"),
        Golden.CANONICAL.getNodeFactory().textNode("[DONE]"));
  }

  @Test
  void withoutStartedTheRequestModelAndAMadeUpIdAreUsed() {
    StreamEncoder enc = encoder(true);
    JsonNode chunk = Golden.dataFrames(enc.encode(new ChatEvent.TextDelta("hi"))).get(0);
    assertThat(chunk.get("model").textValue()).isEqualTo("gpt-4o");
    assertThat(chunk.get("id").textValue()).matches("chatcmpl-[0-9a-f]{32}");
    JsonNode next = Golden.dataFrames(enc.encode(new ChatEvent.TextDelta("!"))).get(0);
    assertThat(next.get("id")).isEqualTo(chunk.get("id"));
    assertThat(next.at("/choices/0/delta")).isEqualTo(Golden.parse("{\"content\":\"!\"}"));
  }

  @Test
  void usageChunkMergesReportsAndDefaultsToZero() {
    StreamEncoder enc = encoder(true);
    enc.encode(new ChatEvent.Started("i", "b", "m"));
    enc.encode(new ChatEvent.UsageReport(new Usage(10, 0, 4, 0, 0)));
    enc.encode(new ChatEvent.UsageReport(new Usage(0, 7, 0, 0, 3)));
    List<JsonNode> frames = Golden.dataFrames(enc.encode(new ChatEvent.Finished(StopReason.END_TURN)));
    assertThat(frames).hasSize(3);
    assertThat(frames.get(1).get("choices")).isEmpty();
    assertThat(frames.get(1).get("usage")).isEqualTo(Golden.parse("{\"prompt_tokens\":10,\"completion_tokens\":7,"
        + "\"total_tokens\":17,\"prompt_tokens_details\":{\"cached_tokens\":4},"
        + "\"completion_tokens_details\":{\"reasoning_tokens\":3}}"));

    StreamEncoder silent = encoder(true);
    List<JsonNode> zero = Golden.dataFrames(silent.encode(new ChatEvent.Finished(StopReason.END_TURN)));
    assertThat(zero.get(1).at("/usage/total_tokens").asLong()).isZero();
  }

  @Test
  void emptyAndSignatureOnlyDeltasAndToolCallDoneProduceNothing() {
    StreamEncoder enc = encoder(true);
    assertThat(enc.encode(new ChatEvent.TextDelta(""))).isEmpty();
    assertThat(enc.encode(new ChatEvent.ThinkingDelta("", "sig"))).isEmpty();
    assertThat(enc.encode(new ChatEvent.ToolCallDone(0))).isEmpty();
    assertThat(enc.encode(new ChatEvent.Started("i", "b", "m"))).isEmpty();
  }

  @Test
  void failureRendersTheOpenAiErrorThenDoneAndNothingAfter() {
    StreamEncoder enc = encoder(true);
    String sse = enc.encode(new ChatEvent.Failed(new ProxyError(ProxyError.Kind.RATE_LIMITED, 429, "slow down",
        true, 3L, null)));
    assertThat(sse).isEqualTo("data: {\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit_error\","
        + "\"param\":null,\"code\":\"rate_limit_exceeded\"}}\n\ndata: [DONE]\n\n");
    assertThat(enc.encode(new ChatEvent.TextDelta("late"))).isEmpty();
    assertThat(enc.encode(new ChatEvent.Finished(StopReason.END_TURN))).isEmpty();
  }

  @Test
  void specialCharactersAreEscapedExactlyOnce() {
    StreamEncoder enc = encoder(false);
    enc.encode(new ChatEvent.Started("i\"d", "b", "m\\1"));
    String sse = enc.encode(new ChatEvent.TextDelta("line\n\"quoted\" \u2028 é"));
    assertThat(sse).isEqualTo("data: {\"id\":\"i\\\"d\",\"object\":\"chat.completion.chunk\",\"created\":1234,"
        + "\"model\":\"m\\\\1\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\","
        + "\"content\":\"line\\n\\\"quoted\\\" \u2028 é\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n");
  }
}
