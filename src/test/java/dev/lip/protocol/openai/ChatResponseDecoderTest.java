package dev.lip.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.MissingNode;
import dev.lip.model.ChatResponse;
import dev.lip.model.Part;
import dev.lip.model.StopReason;
import dev.lip.model.Usage;
import dev.lip.protocol.Json;
import dev.lip.protocol.ProviderAnswer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A provider's {@code chat.completion} body read token by token ({@link OpenAiChatDialect#decodeAnswer}),
 * and as a tree ({@link OpenAiChatDialect#decodeResponse}) to the same response.
 */
class ChatResponseDecoderTest {
  private static final OpenAiChatDialect DIALECT = new OpenAiChatDialect();
  private static final ChatResponse EMPTY =
      new ChatResponse("", null, "", List.of(), StopReason.END_TURN, Usage.ZERO);

  private static ProviderAnswer answer(String body) {
    return DIALECT.decodeAnswer(body.getBytes(StandardCharsets.UTF_8));
  }

  /** The response in {@code body}, checked to be the same whether read from bytes or from a tree. */
  private static ChatResponse decode(String body) {
    ProviderAnswer answer = answer(body);
    assertThat(answer).isInstanceOf(ProviderAnswer.Decoded.class);
    ChatResponse response = ((ProviderAnswer.Decoded) answer).response();
    assertThat(DIALECT.decodeResponse(Json.parseLenient(body.getBytes(StandardCharsets.UTF_8))))
        .isEqualTo(response);
    return response;
  }

  private static ChatResponse response(List<Part> content, StopReason stopReason, Usage usage) {
    return new ChatResponse("chatcmpl-1", null, "gpt-4o", content, stopReason, usage);
  }

  @ParameterizedTest
  @ValueSource(strings = {"response-text", "response-tools", "response-length"})
  void goldenBodiesReadFromBytesGiveTheCanonicalResponse(String name) {
    ChatResponse response = decode(Golden.read(name + ".json"));
    assertThat(Golden.canonical(response)).isEqualTo(Golden.json(name + ".canonical.json"));
  }

  @Test
  void unknownFieldsAndNestedValuesAreSkippedBeforeBetweenAndAfterTheKnownOnes() {
    ChatResponse response = decode("""
        {"object":"chat.completion","meta":{"id":"not-this","choices":[{"message":{"content":"nor this"}}]},
         "id":"chatcmpl-1","created":1,"extra":[{"usage":{"prompt_tokens":99}},[1,[2,{}]],null,true,-1.5e3],
         "choices":[{"index":0,"logprobs":{"content":[{"token":"a","top_logprobs":[{"token":"b"}]}]},
           "message":{"role":"assistant","annotations":[{"type":"url_citation","url_citation":{"content":"x"}}],
             "content":"Hello","refusal":null,"audio":{"id":"a","data":"…"},
             "tool_calls":[{"type":"function","x":{"function":{"name":"wrong"}},"id":"call_1",
               "function":{"strict":{"a":[1]},"name":"f","parsed":{"name":"nope"},"arguments":"{}","more":[{}]},
               "after":[[]]}],
             "trailing":{"reasoning_content":"not this"}},
           "finish_reason":"stop","native":{"finish_reason":"length"}},
          {"index":1,"message":{"content":"second choice"},"finish_reason":"length"}],
         "model":"gpt-4o",
         "usage":{"total_tokens":18,"prompt_tokens":11,
           "prompt_tokens_details":{"audio_tokens":0,"cached_tokens":4,"x":{"cached_tokens":9}},
           "cost":{"usd":[0.1]},"completion_tokens":7,
           "completion_tokens_details":{"accepted_prediction_tokens":0,"reasoning_tokens":2}},
         "system_fingerprint":"fp","service_tier":{"tier":["default"]}}""");

    assertThat(response).isEqualTo(response(
        List.of(Part.Text.of("Hello"), new Part.ToolCall("call_1", "f", "{}", null)),
        StopReason.TOOL_USE, new Usage(11, 7, 4, 0, 2)));
  }

  @Test
  void contentIsAStringOrTheTextOfItsTextParts() {
    assertThat(decode("{\"choices\":[{\"message\":{\"content\":\"plain\"}}]}").content())
        .containsExactly(Part.Text.of("plain"));
    assertThat(decode("""
        {"choices":[{"message":{"content":[{"type":"text","text":"Hel"},
          {"type":"image_url","image_url":{"url":"https://x/y.png","text":"no"}},"stray",
          {"type":"text","text":7},{"text":"lo","type":"text"}]}}]}""").content())
        .containsExactly(Part.Text.of("Hello"));
    assertThat(decode("{\"choices\":[{\"message\":{\"content\":null}}]}").content()).isEmpty();
  }

  @Test
  void reasoningContentWinsOverReasoningAndLeadsTheAnswer() {
    assertThat(decode("""
        {"choices":[{"message":{"content":"42","reasoning":"other","reasoning_content":"think"}}]}""").content())
        .containsExactly(new Part.Thinking("think", null, null), Part.Text.of("42"));
    assertThat(decode("{\"choices\":[{\"message\":{\"content\":\"42\",\"reasoning\":\"think\"}}]}").content())
        .containsExactly(new Part.Thinking("think", null, null), Part.Text.of("42"));
  }

  @Test
  void parallelToolCallsKeepTheirOrderAndCallsWithoutAFunctionNameAreDropped() {
    ChatResponse response = decode("""
        {"id":"chatcmpl-1","model":"gpt-4o","choices":[{"message":{"content":"Checking.","tool_calls":[
          {"id":"call_a","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}},
          {"type":"function","function":{"arguments":"{}"}},
          {"type":"function","function":{"name":"get_time"}},
          {"id":"call_c","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Rome\\"}"}}]},
          "finish_reason":"tool_calls"}]}""");

    assertThat(response).isEqualTo(response(List.of(Part.Text.of("Checking."),
        new Part.ToolCall("call_a", "get_weather", "{\"city\":\"Paris\"}", null),
        new Part.ToolCall("call_2", "get_time", "{}", null),
        new Part.ToolCall("call_c", "get_weather", "{\"city\":\"Rome\"}", null)), StopReason.TOOL_USE, Usage.ZERO));
  }

  @Test
  void usageCarriesCachedAndReasoningTokensAndIsZeroWhenAbsent() {
    assertThat(decode("""
        {"choices":[],"usage":{"prompt_tokens":310,"completion_tokens":95,"total_tokens":405,
          "prompt_tokens_details":{"cached_tokens":128},"completion_tokens_details":{"reasoning_tokens":60}}}""")
        .usage()).isEqualTo(new Usage(310, 95, 128, 0, 60));
    assertThat(decode("{\"usage\":{\"prompt_tokens\":3}}").usage()).isEqualTo(new Usage(3, 0, 0, 0, 0));
    assertThat(decode("{\"usage\":null}").usage()).isEqualTo(Usage.ZERO);
    assertThat(decode("{\"choices\":[]}").usage()).isEqualTo(Usage.ZERO);
  }

  @Test
  void withoutChoicesTheAnswerIsEmptyButKeepsItsIdModelAndUsage() {
    Usage usage = new Usage(5, 0, 0, 0, 0);
    assertThat(decode("{\"id\":\"chatcmpl-1\",\"model\":\"gpt-4o\",\"usage\":{\"prompt_tokens\":5}}"))
        .isEqualTo(response(List.of(), StopReason.END_TURN, usage));
    assertThat(decode("{\"id\":\"chatcmpl-1\",\"model\":\"gpt-4o\",\"choices\":[],\"usage\":{\"prompt_tokens\":5}}"))
        .isEqualTo(response(List.of(), StopReason.END_TURN, usage));
    assertThat(decode("{\"choices\":[null,{\"message\":{\"content\":\"second\"}}]}")).isEqualTo(EMPTY);
  }

  @Test
  void aRepeatedKeyCountsWithItsLastValueAsInATree() {
    assertThat(decode("""
        {"id":"a","choices":[{"message":{"content":"x"}}],"id":"chatcmpl-1","model":"gpt-4o",
         "choices":[{"message":{"content":"y","content":"z"},"finish_reason":"length"}]}"""))
        .isEqualTo(response(List.of(Part.Text.of("z")), StopReason.MAX_TOKENS, Usage.ZERO));
  }

  @Test
  void anErrorObjectSentWithStatus200FailsWithItsMessage() {
    assertThat(answer("""
        {"error":{"message":"You exceeded your current quota","type":"insufficient_quota","param":null,
          "code":"insufficient_quota"}}"""))
        .isEqualTo(new ProviderAnswer.Failed("You exceeded your current quota"));
    assertThat(answer("{\"choices\":[{\"message\":{\"content\":\"hi\"}}],\"error\":{\"message\":\"late\"}}"))
        .isEqualTo(new ProviderAnswer.Failed("late"));
    assertThat(answer("{\"error\":{\"code\":500}}")).isEqualTo(new ProviderAnswer.Failed(null));
  }

  @Test
  void anErrorMemberThatIsNotAnObjectIsNoFailure() {
    assertThat(decode("{\"error\":null,\"choices\":[{\"message\":{\"content\":\"hi\"}}]}").content())
        .containsExactly(Part.Text.of("hi"));
    assertThat(decode("{\"error\":\"boom\"}")).isEqualTo(EMPTY);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "not json", "{\"choices\":[{\"message\":{\"content\":\"cut", "{\"id\":\"a\",}",
      "{\"error\":{\"message\":\"cut\"}", "[{\"choices\":[]}]", "\"text\"", "null"})
  void aBodyThatIsNotAJsonObjectIsUnreadable(String body) {
    assertThat(answer(body)).isEqualTo(ProviderAnswer.Unreadable.NOT_AN_OBJECT);
    assertThat(DIALECT.decodeResponse(MissingNode.getInstance())).isEqualTo(EMPTY);
  }
}
