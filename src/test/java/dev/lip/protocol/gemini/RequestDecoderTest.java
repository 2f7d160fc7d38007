package dev.lip.protocol.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.lip.model.ChatRequest;
import dev.lip.model.Message;
import dev.lip.model.Part;
import dev.lip.model.Reasoning;
import dev.lip.model.ResponseFormat;
import dev.lip.model.Role;
import dev.lip.model.ToolChoice;
import dev.lip.protocol.InvalidRequestException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestDecoderTest {
  private static final GeminiDialect DIALECT = new GeminiDialect();
  private static final String USER = "{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}";

  private static ChatRequest decode(String json) {
    return DIALECT.decodeRequest(Golden.parse(json));
  }

  /** A valid body with {@code extra} top-level members (JSON text after a comma, or empty). */
  private static String body(String extra) {
    return "{\"contents\":[" + USER + "]" + (extra.isEmpty() ? "" : "," + extra) + "}";
  }

  private static InvalidRequestException invalid(String json) {
    InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> decode(json));
    assertThat(e).as("expected a 400 for %s", json).isNotNull();
    return e;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      {}                                                                   | contents
      {"contents":null}                                                    | contents
      {"contents":{}}                                                      | contents
      {"contents":[]}                                                      | contents
      {"contents":["hi"]}                                                  | contents[0]
      {"contents":[{"role":"user"}]}                                       | contents[0].parts
      {"contents":[{"role":"user","parts":{}}]}                            | contents[0].parts
      {"contents":[{"role":7,"parts":[]}]}                                 | contents[0].role
      {"contents":[{"role":"assistant","parts":[]}]}                       | contents[0].role
      {"contents":[{"parts":["x"]}]}                                       | contents[0].parts[0]
      {"contents":[{"parts":[{}]}]}                                        | contents[0].parts[0]
      {"contents":[{"parts":[{"text":5}]}]}                                | contents[0].parts[0].text
      {"contents":[{"parts":[{"text":"a","thought":"yes"}]}]}              | contents[0].parts[0].thought
      {"contents":[{"parts":[{"inlineData":"x"}]}]}                        | contents[0].parts[0].inlineData
      {"contents":[{"parts":[{"inlineData":{"data":"AAA"}}]}]}             | contents[0].parts[0].inlineData.mimeType
      {"contents":[{"parts":[{"inlineData":{"mimeType":"image/png"}}]}]}   | contents[0].parts[0].inlineData.data
      {"contents":[{"parts":[{"fileData":{"mimeType":"image/png"}}]}]}     | contents[0].parts[0].fileData.fileUri
      {"contents":[{"parts":[{"executableCode":{"code":"1"}}]}]}           | contents[0].parts[0].executableCode
      {"contents":[{"parts":[{"functionCall":{"name":"f"}}]}]}             | contents[0].parts[0].functionCall
      {"contents":[{"parts":[{"functionResponse":{"response":{}}}]}]}      | contents[0].parts[0].functionResponse.name
      {"contents":[{"parts":[{"functionResponse":{"name":"f","response":"ok"}}]}]} | contents[0].parts[0].functionResponse.response
      {"contents":[{"parts":[{"functionResponse":{"name":"f","id":1}}]}]}  | contents[0].parts[0].functionResponse.id
      {"contents":[{"role":"model","parts":[{"functionCall":{"args":{}}}]}]} | contents[0].parts[0].functionCall.name
      {"contents":[{"role":"model","parts":[{"functionCall":{"name":"f","args":"{}"}}]}]} | contents[0].parts[0].functionCall.args
      {"contents":[{"role":"model","parts":[{"functionCall":{"name":"f"},"thoughtSignature":1}]}]} | contents[0].parts[0].thoughtSignature
      {"contents":[{"role":"model","parts":[{"functionResponse":{"name":"f"}}]}]} | contents[0].parts[0].functionResponse
      """)
  void rejectsMalformedContents(String json, String param) {
    InvalidRequestException e = invalid(json);
    assertThat(e.param()).isEqualTo(param);
    assertThat(e.getMessage()).contains("'" + param + "'");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      "model":3                                                     | model
      "systemInstruction":7                                         | systemInstruction
      "systemInstruction":{"parts":{}}                              | systemInstruction.parts
      "systemInstruction":{"parts":[{"inlineData":{}}]}             | systemInstruction.parts[0].text
      "tools":{}                                                    | tools
      "tools":["x"]                                                 | tools[0]
      "tools":[{"functionDeclarations":{}}]                         | tools[0].functionDeclarations
      "tools":[{"functionDeclarations":[{}]}]                       | tools[0].functionDeclarations[0].name
      "tools":[{"functionDeclarations":[{"name":"f","description":1}]}] | tools[0].functionDeclarations[0].description
      "tools":[{"functionDeclarations":[{"name":"f","parameters":"{}"}]}] | tools[0].functionDeclarations[0].parameters
      "tools":[{"functionDeclarations":[{"name":"f","parametersJsonSchema":[]}]}] | tools[0].functionDeclarations[0].parametersJsonSchema
      "toolConfig":[]                                               | toolConfig
      "toolConfig":{"functionCallingConfig":"ANY"}                  | toolConfig.functionCallingConfig
      "toolConfig":{"functionCallingConfig":{"mode":"SOMETIMES"}}   | toolConfig.functionCallingConfig.mode
      "toolConfig":{"functionCallingConfig":{"mode":1}}             | toolConfig.functionCallingConfig.mode
      "toolConfig":{"functionCallingConfig":{"mode":"ANY","allowedFunctionNames":"f"}} | toolConfig.functionCallingConfig.allowedFunctionNames
      "toolConfig":{"functionCallingConfig":{"mode":"ANY","allowedFunctionNames":[1]}} | toolConfig.functionCallingConfig.allowedFunctionNames[0]
      "generationConfig":1                                          | generationConfig
      "generationConfig":{"temperature":"hot"}                      | generationConfig.temperature
      "generationConfig":{"topP":true}                              | generationConfig.topP
      "generationConfig":{"topK":1.5}                               | generationConfig.topK
      "generationConfig":{"maxOutputTokens":"10"}                   | generationConfig.maxOutputTokens
      "generationConfig":{"seed":"s"}                               | generationConfig.seed
      "generationConfig":{"presencePenalty":[]}                     | generationConfig.presencePenalty
      "generationConfig":{"frequencyPenalty":{}}                    | generationConfig.frequencyPenalty
      "generationConfig":{"stopSequences":"END"}                    | generationConfig.stopSequences
      "generationConfig":{"stopSequences":["a",5]}                  | generationConfig.stopSequences[1]
      "generationConfig":{"candidateCount":"1"}                     | generationConfig.candidateCount
      "generationConfig":{"candidateCount":0}                       | generationConfig.candidateCount
      "generationConfig":{"candidateCount":2}                       | generationConfig.candidateCount
      "generationConfig":{"responseMimeType":5}                     | generationConfig.responseMimeType
      "generationConfig":{"responseMimeType":"application/json","responseJsonSchema":true} | generationConfig.responseJsonSchema
      "generationConfig":{"responseMimeType":"application/json","responseSchema":"s"} | generationConfig.responseSchema
      "generationConfig":{"thinkingConfig":true}                    | generationConfig.thinkingConfig
      "generationConfig":{"thinkingConfig":{"thinkingBudget":"lots"}} | generationConfig.thinkingConfig.thinkingBudget
      "generationConfig":{"thinkingConfig":{"thinkingLevel":3}}     | generationConfig.thinkingConfig.thinkingLevel
      "generationConfig":{"thinkingConfig":{"includeThoughts":"yes"}} | generationConfig.thinkingConfig.includeThoughts
      """)
  void rejectsMalformedParameters(String member, String param) {
    InvalidRequestException e = invalid(body(member));
    assertThat(e.param()).isEqualTo(param);
    assertThat(e.getMessage()).contains("'" + param + "'");
  }

  @Test
  void messagesNameThePathAndTheTypes() {
    assertThat(invalid(body("\"generationConfig\":{\"temperature\":\"hot\"}")).getMessage())
        .isEqualTo("Invalid type for 'generationConfig.temperature': expected a number, but got a string instead.");
    assertThat(invalid("{}").getMessage()).isEqualTo("Missing required parameter: 'contents'.");
    InvalidRequestException root = invalid("[1]");
    assertThat(root.param()).isNull();
    assertThat(root.getMessage()).isEqualTo("The request body must be a JSON object.");
  }

  @Test
  void moreThanOneCandidateIsNotSupported() {
    InvalidRequestException e = invalid(body("\"generationConfig\":{\"candidateCount\":2}"));
    assertThat(e.getMessage()).isEqualTo(
        "Invalid value for 'generationConfig.candidateCount': candidateCount > 1 is not supported.");
    assertThat(e.toProxyError().httpStatus()).isEqualTo(400);
    assertThat(decode(body("\"generationConfig\":{\"candidateCount\":1}")).passthrough().fields()).isEmpty();
  }

  @Test
  void modelAndStreamComeFromTheUrlExceptABodyModel() {
    ChatRequest plain = decode(body(""));
    assertThat(plain.selector()).isEmpty();
    assertThat(plain.stream()).isFalse();
    assertThat(plain.includeUsage()).isTrue();
    assertThat(decode(body("\"model\":\"gemini-2.5-pro\"")).selector()).isEqualTo("gemini-2.5-pro");
    assertThat(plain.withSelector("gemini-2.5-pro").withStream(true).stream()).isTrue();
  }

  @Test
  void missingRoleIsUserAndStringSystemInstructionIsAccepted() {
    ChatRequest r = decode("{\"systemInstruction\":\"be brief\",\"contents\":[{\"parts\":[{\"text\":\"a\"}]}]}");
    assertThat(r.system()).containsExactly(Part.Text.of("be brief"));
    assertThat(r.messages()).containsExactly(Message.text(Role.USER, "a"));
  }

  @Test
  void responsesPairWithCallsByIdThenByNameWhenTheClientMadeUpItsOwnId() {
    // Gemini 2.x sends calls without ids; Gemini CLI then answers with ids of its own making.
    ChatRequest r = decode("{\"contents\":[" + USER + ",{\"role\":\"model\",\"parts\":["
        + "{\"functionCall\":{\"name\":\"read\",\"args\":{\"p\":\"a\"}}},"
        + "{\"functionCall\":{\"name\":\"list\",\"args\":{}}},"
        + "{\"functionCall\":{\"name\":\"read\",\"args\":{\"p\":\"b\"}}}]},"
        + "{\"role\":\"user\",\"parts\":["
        + "{\"functionResponse\":{\"id\":\"list-1761-ab\",\"name\":\"list\",\"response\":{\"output\":\"x\"}}},"
        + "{\"functionResponse\":{\"id\":\"read-1761-cd\",\"name\":\"read\",\"response\":{\"output\":\"A\"}}},"
        + "{\"functionResponse\":{\"name\":\"read\",\"response\":{\"output\":\"B\"}}},"
        + "{\"functionResponse\":{\"name\":\"orphan\",\"response\":{}}},"
        + "{\"text\":\"and now?\"}]}]}");
    assertThat(r.messages().get(1).parts()).extracting(p -> ((Part.ToolCall) p).id())
        .containsExactly("gemini_call_1_0", "gemini_call_1_1", "gemini_call_1_2");
    assertThat(r.messages().get(2)).isEqualTo(new Message(Role.TOOL, List.of(
        new Part.ToolResult("gemini_call_1_1", List.of(Part.Text.of("{\"output\":\"x\"}")), false, null),
        new Part.ToolResult("gemini_call_1_0", List.of(Part.Text.of("{\"output\":\"A\"}")), false, null),
        new Part.ToolResult("gemini_call_1_2", List.of(Part.Text.of("{\"output\":\"B\"}")), false, null),
        new Part.ToolResult("gemini_call_2_3", List.of(Part.Text.of("{}")), false, null))));
    assertThat(r.messages().get(3)).isEqualTo(Message.text(Role.USER, "and now?"));
  }

  @Test
  void functionRoleTurnsHoldToolResults() {
    ChatRequest r = decode("{\"contents\":[" + USER + ",{\"role\":\"model\",\"parts\":[{\"functionCall\":"
        + "{\"id\":\"c1\",\"name\":\"f\"}}]},{\"role\":\"function\",\"parts\":[{\"functionResponse\":"
        + "{\"id\":\"c1\",\"name\":\"f\",\"response\":{\"error\":\"boom\"}}}]}]}");
    assertThat(r.messages().get(1).parts()).containsExactly(new Part.ToolCall("c1", "f", "{}", null, null));
    assertThat(r.messages().get(2)).isEqualTo(new Message(Role.TOOL, List.of(
        new Part.ToolResult("c1", List.of(Part.Text.of("{\"error\":\"boom\"}")), true, null))));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
      {"mode":"AUTO"}                                     | AUTO     | null | false
      {"mode":"NONE"}                                     | NONE     | null | false
      {"mode":"ANY"}                                      | REQUIRED | null | false
      {"mode":"ANY","allowedFunctionNames":["f"]}         | TOOL     | f    | false
      {"mode":"ANY","allowedFunctionNames":["f","g"]}     | REQUIRED | null | true
      {"mode":"VALIDATED"}                                | AUTO     | null | true
      {}                                                  | AUTO     | null | false
      """)
  void functionCallingModes(String config, ToolChoice.Mode mode, String name, boolean keptVerbatim) {
    ChatRequest r = decode(body("\"toolConfig\":{\"functionCallingConfig\":" + config + "}"));
    assertThat(r.toolChoice()).isEqualTo(new ToolChoice(mode, name));
    assertThat(r.passthrough().fields().containsKey("toolConfig")).isEqualTo(keptVerbatim);
  }

  @Test
  void otherToolConfigTravelsVerbatim() {
    String config = "{\"retrievalConfig\":{\"languageCode\":\"en\"}}";
    ChatRequest r = decode(body("\"toolConfig\":" + config));
    assertThat(r.toolChoice()).isNull();
    assertThat(r.passthrough().fields().get("toolConfig")).isEqualTo(Golden.parse(config));
  }

  @Test
  void responseSchemaIsConvertedAndOtherMimeTypesPassThrough() {
    ChatRequest schema = decode(body("\"generationConfig\":{\"responseMimeType\":\"application/json\","
        + "\"responseSchema\":{\"type\":\"OBJECT\",\"properties\":{\"n\":{\"type\":\"INTEGER\",\"nullable\":true}},"
        + "\"propertyOrdering\":[\"n\"]}}"));
    assertThat(schema.responseFormat()).isEqualTo(new ResponseFormat(ResponseFormat.Kind.JSON_SCHEMA, null,
        Golden.parse("{\"type\":\"object\",\"properties\":{\"n\":{\"type\":[\"integer\",\"null\"]}}}"), null));
    assertThat(schema.passthrough().fields()).isEmpty();

    assertThat(decode(body("\"generationConfig\":{\"responseMimeType\":\"application/json\"}")).responseFormat())
        .isEqualTo(new ResponseFormat(ResponseFormat.Kind.JSON_OBJECT, null, null, null));
    assertThat(decode(body("\"generationConfig\":{\"responseMimeType\":\"text/plain\"}")).responseFormat())
        .isEqualTo(new ResponseFormat(ResponseFormat.Kind.TEXT, null, null, null));

    String enumConfig = "{\"responseMimeType\":\"text/x.enum\",\"responseSchema\":{\"type\":\"STRING\","
        + "\"enum\":[\"a\",\"b\"]},\"responseLogprobs\":true}";
    ChatRequest enumeration = decode(body("\"generationConfig\":" + enumConfig));
    assertThat(enumeration.responseFormat()).isNull();
    assertThat(enumeration.passthrough().fields().get("generationConfig")).isEqualTo(Golden.parse(enumConfig));
  }

  @Test
  void thinkingConfigBecomesReasoning() {
    assertThat(decode(body("\"generationConfig\":{\"thinkingConfig\":{\"thinkingLevel\":\"LOW\","
        + "\"includeThoughts\":false}}")).reasoning()).isEqualTo(new Reasoning("low", null, false));
    assertThat(decode(body("\"generationConfig\":{\"thinkingConfig\":{\"thinkingBudget\":-1}}")).reasoning())
        .isEqualTo(new Reasoning(null, -1, null));
  }

  @Test
  void signaturesOnAnswerPartsBecomeSignatureOnlyThinking() {
    ChatRequest r = decode("{\"contents\":[" + USER + ",{\"role\":\"model\",\"parts\":["
        + "{\"text\":\"t\",\"thought\":true,\"thoughtSignature\":\"s1\"},{\"text\":\"a\",\"thoughtSignature\":\"s2\"},"
        + "{\"text\":\"\",\"thoughtSignature\":\"s3\"},"
        + "{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"AA\"}}]}]}");
    assertThat(r.messages().get(1).parts()).containsExactly(new Part.Thinking("t", "s1", null),
        new Part.Thinking("", "s2", null), Part.Text.of("a"), new Part.Thinking("", "s3", null),
        new Part.Image(null, "image/png", "AA", null, null));
  }

  @Test
  void nullMembersCountAsAbsent() {
    ChatRequest r = decode(body("\"tools\":null,\"toolConfig\":null,\"generationConfig\":null,"
        + "\"systemInstruction\":null"));
    assertThat(r.tools()).isEmpty();
    assertThat(r.toolChoice()).isNull();
    assertThat(r.system()).isEmpty();
    assertThat(r.passthrough().fields()).isEmpty();
  }

  @Test
  void responseJsonSchemaWithUpperCaseTypesBecomesValidJsonSchema() {
    ChatRequest request = decode(body("\"generationConfig\":{\"responseMimeType\":\"application/json\","
        + "\"responseJsonSchema\":{\"type\":\"OBJECT\",\"properties\":{\"n\":{\"type\":\"INTEGER\"}}}}"));

    assertThat(request.responseFormat().kind()).isEqualTo(ResponseFormat.Kind.JSON_SCHEMA);
    assertThat(request.responseFormat().schema()).isEqualTo(
        Golden.parse("{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\"}}}"));
  }
}
