package dev.lip.protocol.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.lip.model.ChatRequest;
import dev.lip.model.Message;
import dev.lip.model.Part;
import dev.lip.model.ResponseFormat;
import dev.lip.model.Role;
import dev.lip.model.ToolChoice;
import dev.lip.protocol.InvalidRequestException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestDecoderTest {
  private static ChatRequest decode(String json) {
    return Golden.DIALECT.decodeRequest(Golden.parse(json));
  }

  /** A valid body with {@code extra} top-level members (JSON text after a comma, or empty). */
  private static String body(String extra) {
    return "{\"model\":\"m\",\"input\":\"hi\"" + (extra.isEmpty() ? "" : "," + extra) + "}";
  }

  /** A body whose input is the one item {@code item}. */
  private static String item(String item) {
    return "{\"model\":\"m\",\"input\":[" + item + "]}";
  }

  private static InvalidRequestException invalid(String json) {
    InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> decode(json));
    assertThat(e).as("expected a 400 for %s", json).isNotNull();
    return e;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      {"input":"hi"}                                                   | model
      {"model":1,"input":"hi"}                                         | model
      {"model":"m"}                                                    | input
      {"model":"m","input":null}                                       | input
      {"model":"m","input":{}}                                         | input
      {"model":"m","input":"hi","instructions":[]}                     | instructions
      {"model":"m","input":["hi"]}                                     | input[0]
      {"model":"m","input":[{"content":"hi"}]}                         | input[0].type
      {"model":"m","input":[{"type":7}]}                               | input[0].type
      {"model":"m","input":[{"type":"message","content":"hi"}]}        | input[0].role
      {"model":"m","input":[{"role":"tool","content":"hi"}]}           | input[0].role
      {"model":"m","input":[{"role":"user"}]}                          | input[0].content
      {"model":"m","input":[{"role":"user","content":5}]}              | input[0].content
      {"model":"m","input":[{"role":"user","content":[3]}]}            | input[0].content[0]
      {"model":"m","input":[{"role":"user","content":[{"text":"x"}]}]} | input[0].content[0].type
      {"model":"m","input":[{"role":"user","content":[{"type":"video"}]}]} | input[0].content[0].type
      {"model":"m","input":[{"role":"user","content":[{"type":"input_file","file_id":"f"}]}]} | input[0].content[0].type
      {"model":"m","input":[{"role":"user","content":[{"type":"input_text"}]}]} | input[0].content[0].text
      {"model":"m","input":[{"role":"user","content":[{"type":"input_text","text":1}]}]} | input[0].content[0].text
      {"model":"m","input":[{"role":"user","content":[{"type":"refusal"}]}]} | input[0].content[0].refusal
      {"model":"m","input":[{"role":"user","content":[{"type":"input_image"}]}]} | input[0].content[0].image_url
      {"model":"m","input":[{"role":"user","content":[{"type":"input_image","file_id":"file-1"}]}]} | input[0].content[0].file_id
      {"model":"m","input":[{"role":"user","content":[{"type":"input_image","image_url":"http://x","detail":2}]}]} | input[0].content[0].detail
      {"model":"m","input":[{"role":"system","content":[{"type":"input_image","image_url":"http://x"}]}]} | input[0].content[0].type
      {"model":"m","input":[{"type":"function_call","name":"f","arguments":"{}"}]} | input[0].call_id
      {"model":"m","input":[{"type":"function_call","call_id":"c","arguments":"{}"}]} | input[0].name
      {"model":"m","input":[{"type":"function_call","call_id":"c","name":"f","arguments":{}}]} | input[0].arguments
      {"model":"m","input":[{"type":"custom_tool_call","call_id":"c","name":"p","input":[]}]} | input[0].input
      {"model":"m","input":[{"type":"function_call_output","output":"x"}]} | input[0].call_id
      {"model":"m","input":[{"type":"function_call_output","call_id":"c"}]} | input[0].output
      {"model":"m","input":[{"type":"function_call_output","call_id":"c","output":7}]} | input[0].output
      {"model":"m","input":[{"type":"function_call_output","call_id":"c","output":[{"type":"input_file"}]}]} | input[0].output[0].type
      {"model":"m","input":[{"type":"custom_tool_call_output","call_id":"c","output":[{"type":"input_text"}]}]} | input[0].output[0].text
      {"model":"m","input":[{"type":"reasoning","summary":{}}]}        | input[0].summary
      {"model":"m","input":[{"type":"reasoning","summary":[{"type":"summary_text"}]}]} | input[0].summary[0].text
      {"model":"m","input":[{"type":"reasoning","summary":[{"type":"output_text","text":"t"}]}]} | input[0].summary[0].type
      {"model":"m","input":[{"type":"reasoning","summary":[],"encrypted_content":5}]} | input[0].encrypted_content
      """)
  void rejectsMalformedInput(String json, String param) {
    InvalidRequestException e = invalid(json);
    assertThat(e.param()).isEqualTo(param);
    assertThat(e.getMessage()).contains("'" + param + "'");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      "temperature":"hot"                                   | temperature
      "top_p":true                                          | top_p
      "max_output_tokens":1.5                               | max_output_tokens
      "stream":"yes"                                        | stream
      "parallel_tool_calls":"no"                            | parallel_tool_calls
      "user":42                                             | user
      "metadata":[]                                         | metadata
      "metadata":{"k":1}                                    | metadata.k
      "reasoning":"high"                                    | reasoning
      "reasoning":{"effort":3}                              | reasoning.effort
      "reasoning":{"summary":"always"}                      | reasoning.summary
      "text":"json"                                         | text
      "text":{"format":"json"}                              | text.format
      "text":{"format":{}}                                  | text.format.type
      "text":{"format":{"type":"yaml"}}                     | text.format.type
      "text":{"format":{"type":"json_schema","schema":{}}}  | text.format.name
      "text":{"format":{"type":"json_schema","name":"a"}}   | text.format.schema
      "text":{"format":{"type":"json_schema","name":"a","schema":{},"strict":"y"}} | text.format.strict
      "tools":{}                                            | tools
      "tools":[1]                                           | tools[0]
      "tools":[{"name":"f"}]                                | tools[0].type
      "tools":[{"type":"function"}]                         | tools[0].name
      "tools":[{"type":"function","name":"f","parameters":"{}"}] | tools[0].parameters
      "tools":[{"type":"function","name":"f","strict":"no"}] | tools[0].strict
      "tools":[{"type":"function","name":"f","description":1}] | tools[0].description
      "tools":[{"type":"custom"}]                           | tools[0].name
      "tools":[{"type":"custom","name":"p","format":"lark"}] | tools[0].format
      "tool_choice":"sometimes"                             | tool_choice
      "tool_choice":1                                       | tool_choice
      "tool_choice":{}                                      | tool_choice.type
      "tool_choice":{"type":"function"}                     | tool_choice.name
      "tool_choice":{"type":"custom","name":3}              | tool_choice.name
      """)
  void rejectsMalformedParameters(String member, String param) {
    InvalidRequestException e = invalid(body(member));
    assertThat(e.param()).isEqualTo(param);
    assertThat(e.getMessage()).contains("'" + param + "'");
  }

  @Test
  void messagesNameThePathAndTheTypes() {
    assertThat(invalid(body("\"temperature\":\"hot\"")).getMessage())
        .isEqualTo("Invalid type for 'temperature': expected a number, but got a string instead.");
    assertThat(invalid("{\"model\":\"m\"}").getMessage()).isEqualTo("Missing required parameter: 'input'.");
    assertThat(invalid(item("{\"role\":\"user\",\"content\":[{\"type\":\"input_image\",\"file_id\":\"file-1\"}]}"))
        .getMessage()).isEqualTo("Invalid value for 'input[0].content[0].file_id': images given by file id are not "
            + "supported by this proxy; use image_url.");
    InvalidRequestException nonObject = invalid("[1]");
    assertThat(nonObject.param()).isNull();
    assertThat(nonObject.getMessage()).isEqualTo("The request body must be a JSON object.");
  }

  @Test
  void stringInputIsOneUserMessage() {
    ChatRequest r = decode(body("\"instructions\":\"Be brief.\""));
    assertThat(r.system()).containsExactly(Part.Text.of("Be brief."));
    assertThat(r.messages()).containsExactly(Message.text(Role.USER, "hi"));
  }

  @Test
  void leadingSystemAndDeveloperItemsFollowInstructionsLaterOnesAreSystemMessages() {
    ChatRequest r = decode("{\"model\":\"m\",\"instructions\":\"a\",\"input\":["
        + "{\"role\":\"developer\",\"content\":\"b\"},{\"type\":\"message\",\"role\":\"system\",\"content\":"
        + "[{\"type\":\"input_text\",\"text\":\"c\"}]},{\"role\":\"user\",\"content\":\"q\"},"
        + "{\"role\":\"developer\",\"content\":\"d\"}]}");
    assertThat(r.system()).containsExactly(Part.Text.of("a"), Part.Text.of("b"), Part.Text.of("c"));
    assertThat(r.messages()).containsExactly(Message.text(Role.USER, "q"), Message.text(Role.SYSTEM, "d"));
  }

  @Test
  void consecutiveAssistantItemsFormOneMessageInOrder() {
    ChatRequest r = decode(item("{\"role\":\"user\",\"content\":\"q\"},"
        + "{\"type\":\"reasoning\",\"id\":\"rs_1\",\"summary\":[{\"type\":\"summary_text\",\"text\":\"s1\"},"
        + "{\"type\":\"summary_text\",\"text\":\"s2\"}],\"encrypted_content\":\"enc\"},"
        + "{\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"a\"},"
        + "{\"type\":\"refusal\",\"refusal\":\"no\"}]},"
        + "{\"type\":\"function_call\",\"id\":\"fc_1\",\"call_id\":\"c1\",\"name\":\"f\"},"
        + "{\"type\":\"web_search_call\",\"id\":\"ws_1\",\"status\":\"completed\"},"
        + "{\"type\":\"reasoning\",\"summary\":[],\"content\":[{\"type\":\"reasoning_text\",\"text\":\"raw\"}]},"
        + "{\"type\":\"reasoning\",\"summary\":[]},"
        + "{\"type\":\"function_call_output\",\"call_id\":\"c1\",\"output\":[{\"type\":\"input_text\",\"text\":\"r\"},"
        + "{\"type\":\"input_image\",\"image_url\":\"https://x/y.png\"}]}"));
    assertThat(r.messages()).containsExactly(
        Message.text(Role.USER, "q"),
        new Message(Role.ASSISTANT, List.of(new Part.Thinking("s1\n\ns2", "enc", null), Part.Text.of("a"),
            Part.Text.of("no"), new Part.ToolCall("c1", "f", "{}", null), new Part.Thinking("raw", null, null))),
        new Message(Role.TOOL, List.of(new Part.ToolResult("c1", List.of(Part.Text.of("r"),
            new Part.Image("https://x/y.png", null, null, null, null)), false, null))));
  }

  @Test
  void imagesByUrlAndDataUrl() {
    ChatRequest r = decode(item("{\"role\":\"user\",\"content\":["
        + "{\"type\":\"input_image\",\"image_url\":\"data:image/jpeg;base64,/9j/4AAQ\",\"detail\":\"low\"},"
        + "{\"type\":\"input_image\",\"image_url\":\"https://x/y.png\",\"detail\":\"auto\"}]}"));
    assertThat(r.messages().get(0).parts()).containsExactly(
        new Part.Image(null, "image/jpeg", "/9j/4AAQ", "low", null),
        new Part.Image("https://x/y.png", null, null, "auto", null));
  }

  @Test
  void toolChoicesAndFormats() {
    assertThat(decode(body("\"tool_choice\":\"auto\"")).toolChoice()).isEqualTo(ToolChoice.AUTO);
    assertThat(decode(body("\"tool_choice\":\"none\"")).toolChoice()).isEqualTo(ToolChoice.NONE);
    assertThat(decode(body("\"tool_choice\":\"required\"")).toolChoice()).isEqualTo(ToolChoice.REQUIRED);
    assertThat(decode(body("\"tool_choice\":{\"type\":\"custom\",\"name\":\"p\"}")).toolChoice())
        .isEqualTo(ToolChoice.tool("p"));
    ChatRequest hosted = decode(body("\"tool_choice\":{\"type\":\"web_search_preview\"}"));
    assertThat(hosted.toolChoice()).isNull();
    assertThat(hosted.passthrough().fields().get("tool_choice"))
        .isEqualTo(Golden.parse("{\"type\":\"web_search_preview\"}"));
    assertThat(decode(body("\"text\":{\"format\":{\"type\":\"json_object\"}}")).responseFormat())
        .isEqualTo(new ResponseFormat(ResponseFormat.Kind.JSON_OBJECT, null, null, null));
    assertThat(decode(body("\"text\":{\"format\":{\"type\":\"text\"}}")).responseFormat())
        .isEqualTo(new ResponseFormat(ResponseFormat.Kind.TEXT, null, null, null));
  }

  @Test
  void reasoningSummaryMeansIncludeThoughtsAndNonDefaultWordsAreKept() {
    ChatRequest auto = decode(body("\"reasoning\":{\"effort\":\"minimal\",\"summary\":\"auto\"}"));
    assertThat(auto.reasoning()).isEqualTo(new dev.lip.model.Reasoning("minimal", null, true));
    assertThat(auto.passthrough().fields()).doesNotContainKey("reasoning");
    ChatRequest concise = decode(body("\"reasoning\":{\"summary\":\"concise\"}"));
    assertThat(concise.reasoning()).isEqualTo(new dev.lip.model.Reasoning(null, null, true));
    assertThat(concise.passthrough().fields().get("reasoning")).isEqualTo(Golden.parse("{\"summary\":\"concise\"}"));
    assertThat(decode(body("\"reasoning\":{\"effort\":\"high\"}")).reasoning())
        .isEqualTo(new dev.lip.model.Reasoning("high", null, null));
  }

  @Test
  void nullMembersCountAsAbsent() {
    ChatRequest r = decode(body("\"temperature\":null,\"tools\":null,\"metadata\":null,\"instructions\":null,"
        + "\"tool_choice\":null,\"text\":null,\"reasoning\":null,\"stream\":null"));
    assertThat(r.sampling().temperature()).isNull();
    assertThat(r.tools()).isEmpty();
    assertThat(r.system()).isEmpty();
    assertThat(r.toolChoice()).isNull();
    assertThat(r.responseFormat()).isNull();
    assertThat(r.reasoning().isUnset()).isTrue();
    assertThat(r.stream()).isFalse();
    assertThat(r.passthrough()).isEqualTo(dev.lip.model.Passthrough.NONE);
  }
}
