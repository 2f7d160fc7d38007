package dev.lip.protocol.responses;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.core.ObjectMappers;
import com.openai.models.ReasoningEffort;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseStreamEvent;
import dev.lip.model.ChatEvent;
import dev.lip.model.ChatRequest;
import dev.lip.model.Part;
import dev.lip.model.Role;
import dev.lip.model.ToolDefinition;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What this dialect writes must be what the official OpenAI Java SDK reads, and the other way round. */
class ResponsesSdkConformanceTest {
  private static final JsonMapper SDK = ObjectMappers.jsonMapper();
  private static final ResponsesDialect DIALECT = Golden.DIALECT;

  @ParameterizedTest
  @ValueSource(strings = {"response-text", "response-tools", "response-incomplete"})
  void sdkReadsEncodedResponses(String name) throws Exception {
    JsonNode encoded = DIALECT.encodeResponse(DIALECT.decodeResponse(Golden.json(name + ".json")));
    Response response = SDK.readValue(encoded.toString(), Response.class).validate();
    assertThat(response.output()).isNotEmpty();
    assertThat(response.usage()).isPresent();
  }

  @Test
  void sdkSeesReasoningAndCallsOfEncodedResponse() throws Exception {
    JsonNode encoded = DIALECT.encodeResponse(DIALECT.decodeResponse(Golden.json("response-tools.json")));
    List<ResponseOutputItem> output = SDK.readValue(encoded.toString(), Response.class).validate().output();
    assertThat(output.get(0).asReasoning().encryptedContent()).contains("gAAAAABoToolsReasoning==");
    assertThat(output.subList(1, 3)).extracting(ResponseOutputItem::asFunctionCall)
        .extracting(c -> c.callId() + " " + c.name() + c.arguments())
        .containsExactly("call_Paris get_weather{\"city\":\"Paris\"}", "call_Tokyo get_weather{\"city\":\"Tokyo\"}");
    Response incomplete = SDK.readValue(DIALECT.encodeResponse(DIALECT.decodeResponse(
        Golden.json("response-incomplete.json"))).toString(), Response.class);
    assertThat(incomplete.status()).contains(com.openai.models.responses.ResponseStatus.INCOMPLETE);
    assertThat(incomplete.incompleteDetails().orElseThrow().reason())
        .contains(Response.IncompleteDetails.Reason.MAX_OUTPUT_TOKENS);
  }

  /** Every event of every golden client stream, and of a stream with a custom tool call, is an SDK event. */
  @ParameterizedTest
  @ValueSource(strings = {"stream-text", "stream-parallel-tools", "stream-reasoning-tools", "stream-error-early",
      "stream-error-mid", "stream-truncated"})
  void sdkReadsEveryEncodedEvent(String name) throws Exception {
    String sse = Golden.encode(Golden.decode(Golden.read(name + ".upstream.sse")), Golden.streamingRequest(List.of()));
    List<ResponseStreamEvent> events = sdkEvents(sse);
    assertThat(events.get(0).isCreated()).isTrue();
    ResponseStreamEvent last = events.get(events.size() - 1);
    assertThat(last.isCompleted() || last.isFailed()).isTrue();
  }

  @Test
  void sdkReadsCustomToolCallEventsAndTheCompletedResponse() throws Exception {
    ChatRequest request = Golden.streamingRequest(List.of(new ToolDefinition(ToolDefinition.Kind.CUSTOM,
        "apply_patch", null, null, null, null)));
    String sse = Golden.encode(List.of(new ChatEvent.ToolCallStarted(0, "call_p", "apply_patch"),
        new ChatEvent.ToolCallDelta(0, "*** Begin"), new ChatEvent.ToolCallDone(0),
        new ChatEvent.Finished(dev.lip.model.StopReason.TOOL_USE)), request);
    List<ResponseStreamEvent> events = sdkEvents(sse);
    assertThat(events).anyMatch(ResponseStreamEvent::isCustomToolCallInputDelta)
        .anyMatch(ResponseStreamEvent::isCustomToolCallInputDone);
    Response completed = events.get(events.size() - 1).asCompleted().response();
    assertThat(completed.output().get(0).asCustomToolCall().input()).isEqualTo("*** Begin");
  }

  /**
   * Every frame as an SDK event, validated. The one exception: an error code the real API sends and Codex acts
   * on ({@code insufficient_quota}, {@code context_length_exceeded}) is not in the SDK's {@code ResponseError.Code}
   * enum, so such a {@code response.failed} is validated with its code replaced.
   */
  private static List<ResponseStreamEvent> sdkEvents(String sse) throws Exception {
    List<ResponseStreamEvent> events = new ArrayList<>();
    for (JsonNode frame : Golden.sseFrames(sse)) {
      ResponseStreamEvent event = SDK.readValue(frame.toString(), ResponseStreamEvent.class);
      String code = frame.at("/response/error/code").asText("");
      if (code.equals("insufficient_quota") || code.equals("context_length_exceeded")) {
        ObjectNode copy = frame.deepCopy();
        ((ObjectNode) copy.at("/response/error")).put("code", "rate_limit_exceeded");
        SDK.readValue(copy.toString(), ResponseStreamEvent.class).validate();
      } else {
        event.validate();
      }
      events.add(event);
    }
    return events;
  }

  @ParameterizedTest
  @ValueSource(strings = {"request-codex", "request-instructions"})
  void sdkReadsEncodedProviderRequests(String name) throws Exception {
    JsonNode wire = DIALECT.encodeRequest(DIALECT.decodeRequest(Golden.json(name + ".json")), "gpt-5");
    validateRequest(wire);
    assertThat(SDK.readValue(wire.toString(), ResponseCreateParams.Body.class).model().orElseThrow().chat())
        .contains(com.openai.models.ChatModel.GPT_5);
  }

  /** The golden Codex request itself passes the same check: the check is as strict as the real client. */
  @Test
  void sdkReadsTheCodexRequestFixtureItself() throws Exception {
    validateRequest(Golden.json("request-codex.json"));
  }

  /**
   * Validates a request body with the SDK. Two item kinds are the exception, because the SDK models them as
   * output items whose {@code id} is required, while Codex replays them without ids (with {@code store:false}
   * the API cannot resolve ids) and so does this dialect: reasoning items are checked to carry their
   * {@code encrypted_content}, assistant messages to hold {@code output_text} parts.
   * (The Codex fixture also holds a type-less message, which the API accepts.)
   */
  private static void validateRequest(JsonNode wire) throws Exception {
    ObjectNode withoutInput = wire.deepCopy();
    JsonNode input = withoutInput.remove("input");
    SDK.readValue(withoutInput.toString(), ResponseCreateParams.Body.class).validate();
    for (JsonNode item : input) {
      if ("reasoning".equals(item.path("type").asText())) {
        assertThat(item.path("encrypted_content").isTextual()).as("%s", item).isTrue();
      } else if ("assistant".equals(item.path("role").asText())) {
        for (JsonNode part : item.path("content")) {
          assertThat(part.path("type").asText()).isEqualTo("output_text");
          assertThat(part.path("text").isTextual()).isTrue();
        }
      } else if (!item.has("type")) {
        // the API takes an easy input message without its optional type; the SDK's deserializer needs it
        SDK.readValue(((ObjectNode) item.deepCopy()).put("type", "message").toString(), ResponseInputItem.class)
            .validate();
      } else {
        SDK.readValue(item.toString(), ResponseInputItem.class).validate();
      }
    }
  }

  @Test
  void requestBuiltWithTheSdkDecodes() {
    ResponseCreateParams params = ResponseCreateParams.builder()
        .model("gpt-5")
        .instructions("Be brief.")
        .inputOfResponse(List.of(
            ResponseInputItem.ofEasyInputMessage(com.openai.models.responses.EasyInputMessage.builder()
                .role(com.openai.models.responses.EasyInputMessage.Role.USER).content("Weather in Paris?").build()),
            ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
                .callId("call_1").output("18C").build())))
        .maxOutputTokens(100L)
        .temperature(0.5)
        .reasoning(com.openai.models.Reasoning.builder().effort(ReasoningEffort.LOW).build())
        .build();
    ChatRequest request = DIALECT.decodeRequest(SDK.valueToTree(params._body()));
    assertThat(request.selector()).isEqualTo("gpt-5");
    assertThat(request.system()).containsExactly(Part.Text.of("Be brief."));
    assertThat(request.messages()).hasSize(2);
    assertThat(request.messages().get(0).role()).isEqualTo(Role.USER);
    assertThat(request.messages().get(0).text()).isEqualTo("Weather in Paris?");
    assertThat(request.messages().get(1).parts())
        .containsExactly(new Part.ToolResult("call_1", List.of(Part.Text.of("18C")), false, null));
    assertThat(request.sampling().maxTokens()).isEqualTo(100);
    assertThat(request.sampling().temperature()).isEqualTo(0.5);
    assertThat(request.reasoning().effort()).isEqualTo("low");
  }
}
