package dev.lip.protocol.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lip.model.ChatRequest;
import dev.lip.model.Message;
import dev.lip.model.Part;
import dev.lip.model.Passthrough;
import dev.lip.model.Reasoning;
import dev.lip.model.Role;
import dev.lip.model.Sampling;
import dev.lip.model.ToolDefinition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestEncoderTest {
  private static final GeminiDialect DIALECT = new GeminiDialect();

  private static ChatRequest request(List<Message> messages, List<ToolDefinition> tools, Reasoning reasoning) {
    return new ChatRequest("m", List.of(), messages, tools, null, null, Sampling.DEFAULTS, reasoning, null, false,
        false, null, Map.of(), Passthrough.NONE);
  }

  private static JsonNode encode(List<Message> messages, String model) {
    return Golden.parse(DIALECT.encodeRequest(request(messages, List.of(), Reasoning.UNSET), model).toString());
  }

  @ParameterizedTest(name = "{0} stream={1}")
  @CsvSource(textBlock = """
      gemini-2.5-pro,                  false, /v1beta/models/gemini-2.5-pro:generateContent
      gemini-2.5-pro,                  true,  /v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse
      models/gemini-2.0-flash,         false, /v1beta/models/gemini-2.0-flash:generateContent
      tunedModels/my-model-abc,        true,  /v1beta/tunedModels/my-model-abc:streamGenerateContent?alt=sse
      gemini-exp:beta/variant,         false, /v1beta/models/gemini-exp:beta/variant:generateContent
      """)
  void requestPathKeepsTheModelIdIntact(String model, boolean stream, String path) {
    assertThat(DIALECT.requestPath(model, stream)).isEqualTo(path);
  }

  @Test
  void toolResultsAreWrappedNamedAndMergedIntoOneUserTurn() {
    JsonNode body = encode(List.of(
        Message.text(Role.USER, "q"),
        new Message(Role.ASSISTANT, List.of(new Part.ToolCall("c1", "f", "{\"a\":1}", null),
            new Part.ToolCall("gemini_call_1_1", "g", "not json", null))),
        new Message(Role.TOOL, List.of(new Part.ToolResult("c1", List.of(Part.Text.of("[1,2]")), false, null))),
        new Message(Role.TOOL, List.of(new Part.ToolResult("gemini_call_1_1",
            List.of(Part.Text.of("boom"), new Part.Image("https://x/y.png", null, null, null, null)), true, null))),
        new Message(Role.TOOL, List.of(new Part.ToolResult("lost", List.of(), false, null))),
        Message.text(Role.SYSTEM, "be brief")), "gemini-2.5-flash");
    assertThat(body.get("contents")).isEqualTo(Golden.parse("""
        [{"role":"user","parts":[{"text":"q"}]},
         {"role":"model","parts":[{"functionCall":{"id":"c1","name":"f","args":{"a":1}}},
                                  {"functionCall":{"name":"g","args":{"input":"not json"}}}]},
         {"role":"user","parts":[
           {"functionResponse":{"id":"c1","name":"f","response":{"result":"[1,2]"}}},
           {"functionResponse":{"name":"g","response":{"error":"boom"}}},
           {"fileData":{"mimeType":"image/png","fileUri":"https://x/y.png"}},
           {"functionResponse":{"id":"lost","name":"unknown","response":{"result":""}}},
           {"text":"be brief"}]}]"""));
  }

  @Test
  void signatureOnlyThinkingIsAttachedToTheNextPartOrSentAlone() {
    JsonNode body = encode(List.of(Message.text(Role.USER, "q"), new Message(Role.ASSISTANT, List.of(
        new Part.Thinking("plan", null, null), new Part.Thinking("", "s1", null), Part.Text.of("a"),
        new Part.Thinking("", "s2", null), new Part.ToolCall("c", "f", "{}", "s3", null),
        new Part.RedactedThinking("opaque", null), new Part.Thinking("", "s4", null)))), "gemini-2.5-flash");
    assertThat(body.at("/contents/1/parts")).isEqualTo(Golden.parse("""
        [{"text":"plan","thought":true},{"text":"a","thoughtSignature":"s1"},
         {"text":"","thoughtSignature":"s2"},
         {"functionCall":{"id":"c","name":"f","args":{}},"thoughtSignature":"s3"},
         {"text":"","thoughtSignature":"s4"}]"""));
  }

  @Test
  void gemini3GetsTheSkipSignatureOnUnsignedCallsOfTheActiveLoopOnly() {
    List<Message> history = List.of(
        Message.text(Role.USER, "old question"),
        new Message(Role.ASSISTANT, List.of(new Part.ToolCall("a", "f", "{}", null))),
        new Message(Role.TOOL, List.of(new Part.ToolResult("a", List.of(Part.Text.of("r")), false, null))),
        Message.text(Role.ASSISTANT, "done"),
        Message.text(Role.USER, "new question"),
        new Message(Role.ASSISTANT, List.of(new Part.ToolCall("b", "f", "{}", null),
            new Part.ToolCall("c", "f", "{}", null))),
        new Message(Role.TOOL, List.of(new Part.ToolResult("b", List.of(Part.Text.of("r")), false, null),
            new Part.ToolResult("c", List.of(Part.Text.of("r")), false, null))),
        new Message(Role.ASSISTANT, List.of(new Part.ToolCall("d", "f", "{}", "real", null))),
        new Message(Role.TOOL, List.of(new Part.ToolResult("d", List.of(Part.Text.of("r")), false, null))));
    JsonNode gemini3 = encode(history, "gemini-3-flash-preview");
    assertThat(gemini3.at("/contents/1/parts/0/thoughtSignature").isMissingNode()).isTrue();
    assertThat(gemini3.at("/contents/5/parts/0/thoughtSignature").textValue())
        .isEqualTo("skip_thought_signature_validator");
    assertThat(gemini3.at("/contents/5/parts/1/thoughtSignature").isMissingNode()).isTrue();
    assertThat(gemini3.at("/contents/7/parts/0/thoughtSignature").textValue()).isEqualTo("real");
    assertThat(encode(history, "gemini-2.5-pro").toString()).doesNotContain("skip_thought_signature_validator");
  }

  @Test
  void customToolsTakeOneStringInput() {
    ToolDefinition patch = new ToolDefinition(ToolDefinition.Kind.CUSTOM, "apply_patch", "Apply a patch",
        Golden.parse("{\"type\":\"grammar\"}"), null, null);
    ChatRequest r = request(List.of(Message.text(Role.USER, "q"),
        new Message(Role.ASSISTANT, List.of(new Part.ToolCall("c", "apply_patch", "{\"x\":1}", null)))),
        List.of(patch, ToolDefinition.function("f", null, null)), Reasoning.UNSET);
    JsonNode body = Golden.parse(DIALECT.encodeRequest(r, "gemini-2.5-pro").toString());
    assertThat(body.get("tools")).isEqualTo(Golden.parse("""
        [{"functionDeclarations":[
          {"name":"apply_patch","description":"Apply a patch","parametersJsonSchema":{"type":"object",
            "properties":{"input":{"type":"string"}},"required":["input"]}},
          {"name":"f"}]}]"""));
    assertThat(body.at("/contents/1/parts/0/functionCall/args"))
        .isEqualTo(Golden.parse("{\"input\":\"{\\\"x\\\":1}\"}"));
  }

  @ParameterizedTest(name = "{0} effort={1} budget={2}")
  @CsvSource(nullValues = "null", delimiter = '|', textBlock = """
      gemini-2.5-pro        | high    | null | {"thinkingBudget":24576}
      gemini-2.5-flash      | medium  | null | {"thinkingBudget":8192}
      gemini-2.5-flash      | low     | 2000 | {"thinkingBudget":2000}
      gemini-2.5-flash-lite | none    | null | {"thinkingBudget":0}
      gemini-2.0-flash      | minimal | null | {"thinkingBudget":512}
      gemini-3-pro-preview  | low     | 2000 | {"thinkingLevel":"low"}
      gemini-3-pro-preview  | xhigh   | null | {"thinkingLevel":"high"}
      gemini-3-flash        | none    | null | {"thinkingLevel":"minimal"}
      gemini-3-flash        | null    | 4096 | {"thinkingBudget":4096}
      some-custom-model     | medium  | null | {"thinkingLevel":"medium"}
      gemini-2.5-pro        | null    | null | null
      """)
  void reasoningBecomesExactlyOneOfLevelAndBudget(String model, String effort, Integer budget, String expected) {
    ChatRequest r = request(List.of(Message.text(Role.USER, "q")), List.of(),
        new Reasoning(effort, budget, null));
    JsonNode thinking = Golden.parse(DIALECT.encodeRequest(r, model).toString()).at("/generationConfig/thinkingConfig");
    if (expected == null) {
      assertThat(thinking.isMissingNode()).isTrue();
    } else {
      assertThat(thinking).isEqualTo(Golden.parse(expected));
    }
  }

  @Test
  void clientToolConfigIsKeptWhileItMeansTheSameChoice() {
    ChatRequest r = DIALECT.decodeRequest(Golden.parse("{\"contents\":[{\"parts\":[{\"text\":\"q\"}]}],"
        + "\"toolConfig\":{\"functionCallingConfig\":{\"mode\":\"VALIDATED\"},\"retrievalConfig\":{\"x\":1}}}"));
    assertThat(DIALECT.encodeRequest(r, "gemini-2.5-pro").get("toolConfig")).isEqualTo(Golden.parse(
        "{\"functionCallingConfig\":{\"mode\":\"VALIDATED\"},\"retrievalConfig\":{\"x\":1}}"));
    ChatRequest overridden = new ChatRequest(r.selector(), r.system(), r.messages(), r.tools(),
        dev.lip.model.ToolChoice.NONE, null, r.sampling(), r.reasoning(), null, false, true, null, Map.of(),
        r.passthrough());
    assertThat(DIALECT.encodeRequest(overridden, "gemini-2.5-pro").get("toolConfig")).isEqualTo(Golden.parse(
        "{\"retrievalConfig\":{\"x\":1},\"functionCallingConfig\":{\"mode\":\"NONE\"}}"));
  }

  @Test
  void passthroughOfOtherDialectsIsIgnored() {
    ChatRequest r = new ChatRequest("m", List.of(), List.of(Message.text(Role.USER, "q")), List.of(), null, null,
        Sampling.DEFAULTS, Reasoning.UNSET, null, false, false, null, Map.of(),
        new Passthrough("openai-chat", Map.of("logprobs", Golden.parse("true"))));
    assertThat(DIALECT.encodeRequest(r, "gemini-2.5-pro").has("logprobs")).isFalse();
  }
}
