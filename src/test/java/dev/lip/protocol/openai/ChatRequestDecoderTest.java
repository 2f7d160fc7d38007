package dev.lip.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.lip.model.ChatRequest;
import dev.lip.model.Message;
import dev.lip.model.Part;
import dev.lip.model.ProxyError;
import dev.lip.model.ResponseFormat;
import dev.lip.model.Role;
import dev.lip.model.ToolChoice;
import dev.lip.protocol.InvalidRequestException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChatRequestDecoderTest {
  private static final OpenAiChatDialect DIALECT = new OpenAiChatDialect();
  private static final String USER = "{\"role\":\"user\",\"content\":\"hi\"}";

  private static ChatRequest decode(String json) {
    return DIALECT.decodeRequest(Golden.parse(json));
  }

  /** A valid body with {@code extra} top-level members (JSON text after a comma, or empty). */
  private static String body(String extra) {
    return "{\"model\":\"m\",\"messages\":[" + USER + "]" + (extra.isEmpty() ? "" : "," + extra) + "}";
  }

  private static InvalidRequestException invalid(String json) {
    InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> decode(json));
    assertThat(e).as("expected a 400 for %s", json).isNotNull();
    return e;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      {"messages":[{"role":"user","content":"hi"}]}                      | model
      {"model":7,"messages":[{"role":"user","content":"hi"}]}            | model
      {"model":"m"}                                                       | messages
      {"model":"m","messages":null}                                       | messages
      {"model":"m","messages":"hi"}                                       | messages
      {"model":"m","messages":[]}                                         | messages
      {"model":"m","messages":["hi"]}                                     | messages[0]
      {"model":"m","messages":[{"content":"hi"}]}                         | messages[0].role
      {"model":"m","messages":[{"role":"function","content":"hi"}]}       | messages[0].role
      {"model":"m","messages":[{"role":"user"}]}                          | messages[0].content
      {"model":"m","messages":[{"role":"user","content":{"text":"x"}}]}   | messages[0].content
      {"model":"m","messages":[{"role":"user","content":"a","name":3}]}   | messages[0].name
      {"model":"m","messages":[{"role":"system","content":"s"},{"role":"user","content":7}]} | messages[1].content
      {"model":"m","messages":[{"role":"user","content":["x"]}]}          | messages[0].content[0]
      {"model":"m","messages":[{"role":"user","content":[{"text":"x"}]}]} | messages[0].content[0].type
      {"model":"m","messages":[{"role":"user","content":[{"type":"video"}]}]} | messages[0].content[0].type
      {"model":"m","messages":[{"role":"user","content":[{"type":"text"}]}]} | messages[0].content[0].text
      {"model":"m","messages":[{"role":"user","content":[{"type":"image_url","image_url":{}}]}]} | messages[0].content[0].image_url.url
      {"model":"m","messages":[{"role":"user","content":[{"type":"image_url"}]}]} | messages[0].content[0].image_url
      {"model":"m","messages":[{"role":"system","content":[{"type":"image_url","image_url":{"url":"http://x"}}]}]} | messages[0].content[0].type
      {"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"x","cache_control":{}}]}]} | messages[0].content[0].cache_control.type
      {"model":"m","messages":[{"role":"user","content":"q"},{"role":"tool","content":"r"}]} | messages[1].tool_call_id
      {"model":"m","messages":[{"role":"user","content":"q"},{"role":"assistant","tool_calls":{}}]} | messages[1].tool_calls
      {"model":"m","messages":[{"role":"user","content":"q"},{"role":"assistant","tool_calls":[{"type":"function","function":{"name":"f"}}]}]} | messages[1].tool_calls[0].id
      {"model":"m","messages":[{"role":"user","content":"q"},{"role":"assistant","tool_calls":[{"id":"c","type":"function"}]}]} | messages[1].tool_calls[0].function
      {"model":"m","messages":[{"role":"user","content":"q"},{"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"arguments":"{}"}}]}]} | messages[1].tool_calls[0].function.name
      {"model":"m","messages":[{"role":"user","content":"q"},{"role":"assistant","tool_calls":[{"id":"c","type":"web","function":{"name":"f"}}]}]} | messages[1].tool_calls[0].type
      """)
  void rejectsMalformedConversation(String json, String param) {
    InvalidRequestException e = invalid(json);
    assertThat(e.param()).isEqualTo(param);
    assertThat(e.getMessage()).contains("'" + param + "'");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      "temperature":"hot"                                   | temperature
      "top_p":true                                          | top_p
      "max_tokens":1.5                                      | max_tokens
      "max_completion_tokens":"10"                          | max_completion_tokens
      "seed":"s"                                            | seed
      "presence_penalty":[]                                 | presence_penalty
      "frequency_penalty":{}                                | frequency_penalty
      "stop":5                                              | stop
      "stop":["a",5]                                        | stop[1]
      "n":"2"                                               | n
      "n":0                                                 | n
      "stream":"yes"                                        | stream
      "stream_options":true                                 | stream_options
      "stream_options":{"include_usage":1}                  | stream_options.include_usage
      "parallel_tool_calls":"no"                            | parallel_tool_calls
      "user":42                                             | user
      "metadata":[]                                         | metadata
      "metadata":{"k":1}                                    | metadata.k
      "reasoning_effort":3                                  | reasoning_effort
      "tools":{}                                            | tools
      "tools":[{"function":{"name":"f"}}]                   | tools[0].type
      "tools":[{"type":"web_search"}]                       | tools[0].type
      "tools":[{"type":"function"}]                         | tools[0].function
      "tools":[{"type":"function","function":{}}]           | tools[0].function.name
      "tools":[{"type":"function","function":{"name":"f","parameters":"{}"}}] | tools[0].function.parameters
      "tools":[{"type":"custom","custom":{}}]               | tools[0].custom.name
      "tool_choice":"sometimes"                             | tool_choice
      "tool_choice":1                                       | tool_choice
      "tool_choice":{"type":"function"}                     | tool_choice.function
      "tool_choice":{"type":"function","function":{}}       | tool_choice.function.name
      "tool_choice":{"type":"allowed_tools"}                | tool_choice.type
      "response_format":"json"                              | response_format
      "response_format":{"type":"yaml"}                     | response_format.type
      "response_format":{"type":"json_schema"}              | response_format.json_schema
      "response_format":{"type":"json_schema","json_schema":{"schema":{}}} | response_format.json_schema.name
      """)
  void rejectsMalformedParameters(String member, String param) {
    InvalidRequestException e = invalid(body(member));
    assertThat(e.param()).isEqualTo(param);
    assertThat(e.getMessage()).contains("'" + param + "'");
  }

  @Test
  void wrongTypeMessageNamesPathExpectedAndActualType() {
    assertThat(invalid(body("\"temperature\":\"hot\"")).getMessage())
        .isEqualTo("Invalid type for 'temperature': expected a number, but got a string instead.");
    assertThat(invalid("{\"model\":\"m\",\"messages\":[" + USER + ",{\"role\":\"user\",\"content\":{}}]}")
        .getMessage()).isEqualTo("Invalid type for 'messages[1].content': expected a string or an array of "
            + "content parts, but got an object instead.");
  }

  @Test
  void missingFieldMessage() {
    InvalidRequestException e = invalid("{\"model\":\"m\"}");
    assertThat(e.getMessage()).isEqualTo("Missing required parameter: 'messages'.");
    assertThat(e.toProxyError()).isEqualTo(new ProxyError(ProxyError.Kind.INVALID_REQUEST, 400,
        "Missing required parameter: 'messages'.", false, null, null, "messages"));
  }

  @Test
  void nonObjectBodyIsRejectedWithoutParam() {
    InvalidRequestException e = invalid("[1]");
    assertThat(e.param()).isNull();
    assertThat(e.getMessage()).isEqualTo("The request body must be a JSON object.");
  }

  @Test
  void moreThanOneChoiceIsNotSupported() {
    InvalidRequestException e = invalid(body("\"n\":2"));
    assertThat(e.getMessage()).isEqualTo("n > 1 is not supported");
    assertThat(e.param()).isEqualTo("n");
    assertThat(decode(body("\"n\":1")).messages()).hasSize(1);
  }

  @Test
  void audioAndFilePartsAreUnsupported() {
    String audio = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"x\"},"
        + "{\"type\":\"input_audio\",\"input_audio\":{\"data\":\"AAA\",\"format\":\"wav\"}}]}]}";
    InvalidRequestException e = invalid(audio);
    assertThat(e.param()).isEqualTo("messages[0].content[1].type");
    assertThat(e.getMessage()).contains("'input_audio'").contains("not supported");
    assertThat(invalid(audio.replace("input_audio", "file")).param()).isEqualTo("messages[0].content[1].type");
  }

  @Test
  void nullMembersCountAsAbsent() {
    ChatRequest r = decode(body("\"temperature\":null,\"tools\":null,\"stop\":null,\"metadata\":null,"
        + "\"tool_choice\":null,\"response_format\":null,\"stream\":null"));
    assertThat(r.sampling().temperature()).isNull();
    assertThat(r.tools()).isEmpty();
    assertThat(r.sampling().stop()).isEmpty();
    assertThat(r.toolChoice()).isNull();
    assertThat(r.stream()).isFalse();
  }

  @Test
  void leadingSystemAndDeveloperMessagesBecomeTheSystemPrompt() {
    ChatRequest r = decode("{\"model\":\"m\",\"messages\":[{\"role\":\"developer\",\"content\":\"a\"},"
        + "{\"role\":\"system\",\"content\":[{\"type\":\"text\",\"text\":\"b\"}]}," + USER
        + ",{\"role\":\"developer\",\"content\":\"c\"}]}");
    assertThat(r.system()).containsExactly(Part.Text.of("a"), Part.Text.of("b"));
    assertThat(r.messages()).containsExactly(Message.text(Role.USER, "hi"), Message.text(Role.SYSTEM, "c"));
  }

  @Test
  void imagesByUrlDataUrlAndBareString() {
    ChatRequest r = decode("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":["
        + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/jpeg;base64,/9j/4AAQ\",\"detail\":\"low\"}},"
        + "{\"type\":\"image_url\",\"image_url\":\"https://x/y.png\"},"
        + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/svg+xml,<svg/>\"}}]}]}");
    assertThat(r.messages().get(0).parts()).containsExactly(
        new Part.Image(null, "image/jpeg", "/9j/4AAQ", "low", null),
        new Part.Image("https://x/y.png", null, null, null, null),
        new Part.Image("data:image/svg+xml,<svg/>", null, null, null, null));
  }

  @Test
  void assistantReasoningAliasRefusalAndToolResultArray() {
    ChatRequest r = decode("{\"model\":\"m\",\"messages\":[" + USER + ","
        + "{\"role\":\"assistant\",\"reasoning\":\"think\",\"content\":[{\"type\":\"text\",\"text\":\"a\"}],"
        + "\"refusal\":\"no\",\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"f\"}}]},"
        + "{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":[{\"type\":\"text\",\"text\":\"r\"}]}]}");
    assertThat(r.messages().get(1)).isEqualTo(new Message(Role.ASSISTANT, List.of(
        new Part.Thinking("think", null, null), Part.Text.of("a"), Part.Text.of("no"),
        new Part.ToolCall("c1", "f", "{}", null))));
    assertThat(r.messages().get(2)).isEqualTo(new Message(Role.TOOL,
        List.of(new Part.ToolResult("c1", List.of(Part.Text.of("r")), false, null))));
  }

  @Test
  void toolChoiceModesAndJsonObjectFormat() {
    assertThat(decode(body("\"tool_choice\":\"auto\"")).toolChoice()).isEqualTo(ToolChoice.AUTO);
    assertThat(decode(body("\"tool_choice\":\"none\"")).toolChoice()).isEqualTo(ToolChoice.NONE);
    assertThat(decode(body("\"tool_choice\":\"required\"")).toolChoice()).isEqualTo(ToolChoice.REQUIRED);
    assertThat(decode(body("\"tool_choice\":{\"type\":\"custom\",\"custom\":{\"name\":\"p\"}}")).toolChoice())
        .isEqualTo(ToolChoice.tool("p"));
    assertThat(decode(body("\"response_format\":{\"type\":\"json_object\"}")).responseFormat())
        .isEqualTo(new ResponseFormat(ResponseFormat.Kind.JSON_OBJECT, null, null, null));
  }

  @Test
  void maxCompletionTokensWinsOverMaxTokens() {
    assertThat(decode(body("\"max_tokens\":10,\"max_completion_tokens\":20")).sampling().maxTokens())
        .isEqualTo(20);
    assertThat(decode(body("\"max_tokens\":10")).sampling().maxTokens()).isEqualTo(10);
  }

  @Test
  void streamOptionsIncludeUsage() {
    ChatRequest r = decode(body("\"stream\":true,\"stream_options\":{\"include_usage\":true}"));
    assertThat(r.stream()).isTrue();
    assertThat(r.includeUsage()).isTrue();
  }
}
