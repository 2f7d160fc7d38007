package dev.lip.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.openai.core.ObjectMappers;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import dev.lip.model.ChatRequest;
import dev.lip.model.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What this dialect writes must be what the official OpenAI Java SDK reads, and the other way round. */
class OpenAiSdkConformanceTest {
  private static final JsonMapper SDK = ObjectMappers.jsonMapper();
  private static final OpenAiChatDialect DIALECT = new OpenAiChatDialect();

  @ParameterizedTest
  @ValueSource(strings = {"response-text", "response-tools", "response-length"})
  void sdkReadsEncodedResponses(String name) throws Exception {
    JsonNode encoded = DIALECT.encodeResponse(DIALECT.decodeResponse(Golden.json(name + ".json")));
    ChatCompletion completion = SDK.readValue(encoded.toString(), ChatCompletion.class).validate();
    assertThat(completion.choices()).hasSize(1);
    assertThat(completion.usage()).isPresent();
  }

  @Test
  void sdkSeesToolCallsOfEncodedResponse() throws Exception {
    JsonNode encoded = DIALECT.encodeResponse(DIALECT.decodeResponse(Golden.json("response-tools.json")));
    ChatCompletion.Choice choice = SDK.readValue(encoded.toString(), ChatCompletion.class).validate().choices().get(0);
    assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    assertThat(choice.message().content()).isEmpty();
    assertThat(choice.message().toolCalls().orElseThrow()).extracting(ChatCompletionMessageToolCall::asFunction)
        .extracting(f -> f.function().name() + f.function().arguments())
        .containsExactly("get_weather{\"city\":\"Paris\"}", "get_weather{\"city\":\"Tokyo\"}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"stream-text", "stream-parallel-tools", "stream-reasoning"})
  void sdkReadsEveryEncodedChunk(String name) throws Exception {
    String sse = GoldenStreamTest.encode(GoldenStreamTest.decode(Golden.read(name + ".upstream.sse")), true);
    int chunks = 0;
    for (JsonNode frame : Golden.dataFrames(sse)) {
      if (frame.isObject()) {
        SDK.readValue(frame.toString(), ChatCompletionChunk.class).validate();
        chunks++;
      }
    }
    assertThat(chunks).isGreaterThan(2);
  }

  @Test
  void requestBuiltWithTheSdkDecodes() {
    ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
        .model("gpt-4o")
        .addDeveloperMessage("Be brief.")
        .addUserMessage("Weather in Paris?")
        .maxCompletionTokens(100)
        .temperature(0.5)
        .build();
    ChatRequest request = DIALECT.decodeRequest(SDK.valueToTree(params._body()));
    assertThat(request.selector()).isEqualTo("gpt-4o");
    assertThat(request.system()).hasSize(1);
    assertThat(request.messages()).hasSize(1);
    assertThat(request.messages().get(0).role()).isEqualTo(Role.USER);
    assertThat(request.messages().get(0).text()).isEqualTo("Weather in Paris?");
    assertThat(request.sampling().maxTokens()).isEqualTo(100);
    assertThat(request.sampling().temperature()).isEqualTo(0.5);
  }

  @ParameterizedTest
  @ValueSource(strings = {"request-basic", "request-tools"})
  void sdkReadsEncodedProviderRequests(String name) throws Exception {
    JsonNode wire = DIALECT.encodeRequest(DIALECT.decodeRequest(Golden.json(name + ".json")), "gpt-4o");
    ChatCompletionCreateParams.Body body = SDK.readValue(wire.toString(), ChatCompletionCreateParams.Body.class);
    body.validate();
    assertThat(body.model().asString()).isEqualTo("gpt-4o");
  }
}
