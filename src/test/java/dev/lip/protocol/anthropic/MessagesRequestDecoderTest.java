package dev.lip.protocol.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.lip.model.ChatRequest;
import dev.lip.model.Message;
import dev.lip.model.Part;
import dev.lip.model.ProxyError;
import dev.lip.model.Reasoning;
import dev.lip.model.Role;
import dev.lip.model.ToolChoice;
import dev.lip.protocol.InvalidRequestException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessagesRequestDecoderTest {
  private static final AnthropicDialect DIALECT = new AnthropicDialect();
  private static final String USER = "{\"role\":\"user\",\"content\":\"hi\"}";

  private static ChatRequest decode(String json) {
    return DIALECT.decodeRequest(Golden.parse(json));
  }

  private static String body(String extra) {
    return "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[" + USER + "]" + (extra.isEmpty() ? "" : "," + extra) + "}";
  }

  /** A body whose only message is {@code {"role":role,"content":[block]}}. */
  private static String block(String role, String blockJson) {
    return "{\"model\":\"m\",\"messages\":[{\"role\":\"" + role + "\",\"content\":[" + blockJson + "]}]}";
  }

  private static InvalidRequestException invalid(String json) {
    InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> decode(json));
    assertThat(e).as("expected a 400 for %s", json).isNotNull();
    return e;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      {"messages":[{"role":"user","content":"hi"}]}                          | model
      {"model":["m"],"messages":[{"role":"user","content":"hi"}]}            | model
      {"model":"m"}                                                           | messages
      {"model":"m","messages":{}}                                             | messages
      {"model":"m","messages":[]}                                             | messages
      {"model":"m","messages":[7]}                                            | messages[0]
      {"model":"m","messages":[{"content":"hi"}]}                             | messages[0].role
      {"model":"m","messages":[{"role":"tool","content":"hi"}]}               | messages[0].role
      {"model":"m","messages":[{"role":"user"}]}                              | messages[0].content
      {"model":"m","messages":[{"role":"user","content":5}]}                  | messages[0].content
      {"model":"m","messages":[{"role":"assistant","content":{}}]}            | messages[0].content
      {"model":"m","messages":[{"role":"system","content":[{"type":"image"}]}]} | messages[0].content[0].type
      {"model":"m","messages":[{"role":"user","content":["x"]}]}              | messages[0].content[0]
      {"model":"m","messages":[{"role":"user","content":[{"text":"x"}]}]}     | messages[0].content[0].type
      {"model":"m","messages":[{"role":"user","content":[{"type":"text"}]}]}  | messages[0].content[0].text
      {"model":"m","messages":[{"role":"user","content":[{"type":"document","source":{}}]}]} | messages[0].content[0].type
      {"model":"m","messages":[{"role":"user","content":[{"type":"tool_use","id":"t","name":"f","input":{}}]}]} | messages[0].content[0].type
      {"model":"m","messages":[{"role":"user","content":[{"type":"thinking","thinking":"t"}]}]} | messages[0].content[0].type
      {"model":"m","messages":[{"role":"assistant","content":[{"type":"tool_result","tool_use_id":"t"}]}]} | messages[0].content[0].type
      {"model":"m","messages":[{"role":"assistant","content":[{"type":"server_tool_use","id":"s","name":"web_search","input":{}}]}]} | messages[0].content[0].type
      {"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"x","cache_control":"ephemeral"}]}]} | messages[0].content[0].cache_control
      {"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"x","cache_control":{}}]}]} | messages[0].content[0].cache_control.type
      {"model":"m","messages":[{"role":"user","content":[{"type":"image"}]}]} | messages[0].content[0].source
      {"model":"m","messages":[{"role":"user","content":[{"type":"image","source":{"type":"file","file_id":"f"}}]}]} | messages[0].content[0].source.type
      {"model":"m","messages":[{"role":"user","content":[{"type":"image","source":{"type":"base64","data":"AA"}}]}]} | messages[0].content[0].source.media_type
      {"model":"m","messages":[{"role":"user","content":[{"type":"image","source":{"type":"url"}}]}]} | messages[0].content[0].source.url
      {"model":"m","messages":[{"role":"user","content":[{"type":"tool_result"}]}]} | messages[0].content[0].tool_use_id
      {"model":"m","messages":[{"role":"user","content":[{"type":"tool_result","tool_use_id":"t","is_error":"yes"}]}]} | messages[0].content[0].is_error
      {"model":"m","messages":[{"role":"user","content":[{"type":"tool_result","tool_use_id":"t","content":{}}]}]} | messages[0].content[0].content
      {"model":"m","messages":[{"role":"user","content":[{"type":"tool_result","tool_use_id":"t","content":[{"type":"document"}]}]}]} | messages[0].content[0].content[0].type
      {"model":"m","messages":[{"role":"user","content":[{"type":"tool_result","tool_use_id":"t","content":[{"type":"text","text":1}]}]}]} | messages[0].content[0].content[0].text
      {"model":"m","messages":[{"role":"assistant","content":[{"type":"tool_use","name":"f","input":{}}]}]} | messages[0].content[0].id
      {"model":"m","messages":[{"role":"assistant","content":[{"type":"tool_use","id":"t","input":{}}]}]} | messages[0].content[0].name
      {"model":"m","messages":[{"role":"assistant","content":[{"type":"tool_use","id":"t","name":"f","input":"{}"}]}]} | messages[0].content[0].input
      {"model":"m","messages":[{"role":"assistant","content":[{"type":"thinking","signature":"s"}]}]} | messages[0].content[0].thinking
      {"model":"m","messages":[{"role":"assistant","content":[{"type":"thinking","thinking":"t","signature":5}]}]} | messages[0].content[0].signature
      {"model":"m","messages":[{"role":"assistant","content":[{"type":"redacted_thinking"}]}]} | messages[0].content[0].data
      """)
  void rejectsMalformedConversation(String json, String param) {
    InvalidRequestException e = invalid(json);
    assertThat(e.param()).isEqualTo(param);
    assertThat(e.getMessage()).contains("'" + param + "'");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      "max_tokens":"10"                                     | max_tokens
      "max_tokens":1.5                                      | max_tokens
      "temperature":"hot"                                   | temperature
      "top_p":true                                          | top_p
      "top_k":0.5                                           | top_k
      "stream":"yes"                                        | stream
      "stop_sequences":"END"                                | stop_sequences
      "stop_sequences":["a",1]                              | stop_sequences[1]
      "system":5                                            | system
      "system":[{"type":"image"}]                           | system[0].type
      "system":[{"type":"text"}]                            | system[0].text
      "system":[{"type":"text","text":"s","cache_control":{"ttl":"5m"}}] | system[0].cache_control.type
      "metadata":"u"                                        | metadata
      "metadata":{"user_id":1}                              | metadata.user_id
      "tools":{}                                            | tools
      "tools":[1]                                           | tools[0]
      "tools":[{"description":"d"}]                         | tools[0].name
      "tools":[{"type":7,"name":"f"}]                       | tools[0].type
      "tools":[{"type":"bash_20250124"}]                    | tools[0].name
      "tools":[{"name":"f","input_schema":"{}"}]            | tools[0].input_schema
      "tools":[{"name":"f","description":1}]                | tools[0].description
      "tool_choice":"auto"                                  | tool_choice
      "tool_choice":{}                                      | tool_choice.type
      "tool_choice":{"type":"required"}                     | tool_choice.type
      "tool_choice":{"type":"tool"}                         | tool_choice.name
      "tool_choice":{"type":"auto","disable_parallel_tool_use":"y"} | tool_choice.disable_parallel_tool_use
      "thinking":true                                       | thinking
      "thinking":{}                                         | thinking.type
      "thinking":{"type":"on"}                              | thinking.type
      "thinking":{"type":"enabled"}                         | thinking.budget_tokens
      "thinking":{"type":"enabled","budget_tokens":"1k"}    | thinking.budget_tokens
      """)
  void rejectsMalformedParameters(String member, String param) {
    InvalidRequestException e = invalid(body(member));
    assertThat(e.param()).isEqualTo(param);
    assertThat(e.getMessage()).contains("'" + param + "'");
  }

  @Test
  void messagesNameThePathTheExpectedAndTheActualType() {
    assertThat(invalid(body("\"temperature\":\"hot\"")).getMessage())
        .isEqualTo("Invalid type for 'temperature': expected a number, but got a string instead.");
    assertThat(invalid(block("user", "{\"type\":\"document\"}")).getMessage()).isEqualTo(
        "Invalid value for 'messages[0].content[0].type': content blocks of type 'document' are not supported "
            + "by this proxy here; use one of text, image, tool_result.");
    assertThat(invalid("{\"model\":\"m\",\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]}").getMessage())
        .isEqualTo("Invalid value for 'messages[0].role': 'tool' is not one of user, assistant.");
    InvalidRequestException missing = invalid("{\"model\":\"m\"}");
    assertThat(missing.toProxyError()).isEqualTo(new ProxyError(ProxyError.Kind.INVALID_REQUEST, 400,
        "Missing required parameter: 'messages'.", false, null, null, "messages"));
  }

  @Test
  void nonObjectBodyIsRejectedWithoutParam() {
    InvalidRequestException e = invalid("\"hi\"");
    assertThat(e.param()).isNull();
    assertThat(e.getMessage()).isEqualTo("The request body must be a JSON object.");
  }

  @Test
  void missingMaxTokensAndNullMembersAreAccepted() {
    ChatRequest r = decode("{\"model\":\"m\",\"messages\":[" + USER + "],\"system\":null,\"tools\":null,"
        + "\"tool_choice\":null,\"thinking\":null,\"metadata\":null,\"stop_sequences\":null,\"stream\":null}");
    assertThat(r.sampling().maxTokens()).isNull();
    assertThat(r.system()).isEmpty();
    assertThat(r.tools()).isEmpty();
    assertThat(r.toolChoice()).isNull();
    assertThat(r.parallelToolCalls()).isNull();
    assertThat(r.reasoning()).isEqualTo(Reasoning.UNSET);
    assertThat(r.stream()).isFalse();
    assertThat(r.passthrough().fields()).isEmpty();
  }

  @Test
  void toolResultsAndTextOfOneUserTurnBecomeToolMessagesThenAUserMessage() {
    ChatRequest r = decode("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":["
        + "{\"type\":\"text\",\"text\":\"before\"},"
        + "{\"type\":\"tool_result\",\"tool_use_id\":\"a\"},"
        + "{\"type\":\"tool_result\",\"tool_use_id\":\"b\",\"content\":[{\"type\":\"image\","
        + "\"source\":{\"type\":\"url\",\"url\":\"https://x/y.png\"}}],\"is_error\":false},"
        + "{\"type\":\"text\",\"text\":\"after\"}]}]}");
    assertThat(r.messages()).containsExactly(
        new Message(Role.TOOL, List.of(new Part.ToolResult("a", List.of(), false, null))),
        new Message(Role.TOOL, List.of(new Part.ToolResult("b",
            List.of(new Part.Image("https://x/y.png", null, null, null, null)), false, null))),
        new Message(Role.USER, List.of(Part.Text.of("before"), Part.Text.of("after"))));
  }

  @Test
  void aUserTurnOfToolResultsOnlyHasNoUserMessage() {
    ChatRequest r = decode(block("user", "{\"type\":\"tool_result\",\"tool_use_id\":\"a\",\"content\":\"ok\"}"));
    assertThat(r.messages()).containsExactly(new Message(Role.TOOL,
        List.of(new Part.ToolResult("a", List.of(Part.Text.of("ok")), false, null))));
  }

  @Test
  void systemMessagesBeforeTheConversationExtendTheSystemPromptLaterOnesStayInPlace() {
    ChatRequest r = decode("{\"model\":\"m\",\"system\":\"top\",\"messages\":[{\"role\":\"system\",\"content\":\"a\"},"
        + USER + ",{\"role\":\"system\",\"content\":\"b\"}]}");
    assertThat(r.system()).containsExactly(Part.Text.of("top"), Part.Text.of("a"));
    assertThat(r.messages()).containsExactly(Message.text(Role.USER, "hi"), Message.text(Role.SYSTEM, "b"));
  }

  @Test
  void toolUseWithoutInputHasEmptyArguments() {
    ChatRequest r = decode(block("assistant", "{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"f\"}"));
    assertThat(r.messages().get(0).parts()).containsExactly(new Part.ToolCall("t", "f", "{}", null));
  }

  @Test
  void toolChoiceModesAndParallelism() {
    assertThat(decode(body("\"tool_choice\":{\"type\":\"auto\"}")).toolChoice()).isEqualTo(ToolChoice.AUTO);
    assertThat(decode(body("\"tool_choice\":{\"type\":\"none\"}")).toolChoice()).isEqualTo(ToolChoice.NONE);
    ChatRequest any = decode(body("\"tool_choice\":{\"type\":\"any\",\"disable_parallel_tool_use\":false}"));
    assertThat(any.toolChoice()).isEqualTo(ToolChoice.REQUIRED);
    assertThat(any.parallelToolCalls()).isTrue();
    ChatRequest tool = decode(body("\"tool_choice\":{\"type\":\"tool\",\"name\":\"f\",\"disable_parallel_tool_use\":true}"));
    assertThat(tool.toolChoice()).isEqualTo(ToolChoice.tool("f"));
    assertThat(tool.parallelToolCalls()).isFalse();
  }

  @Test
  void thinkingModes() {
    assertThat(decode(body("\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2048}")).reasoning())
        .isEqualTo(new Reasoning(null, 2048, true));
    assertThat(decode(body("\"thinking\":{\"type\":\"disabled\"}")).reasoning())
        .isEqualTo(new Reasoning("none", null, false));
    ChatRequest adaptive = decode(body("\"thinking\":{\"type\":\"adaptive\"}"));
    assertThat(adaptive.reasoning()).isEqualTo(new Reasoning(null, null, true));
    assertThat(adaptive.passthrough().fields().get("thinking")).isEqualTo(Golden.parse("{\"type\":\"adaptive\"}"));
  }

  @Test
  void serverToolsStayInThePassthroughInTheirOrder() {
    ChatRequest r = decode(body("\"tools\":[{\"type\":\"bash_20250124\",\"name\":\"bash\"},"
        + "{\"type\":\"custom\",\"name\":\"f\"},{\"type\":\"text_editor_20250728\",\"name\":\"str_replace_based_edit_tool\"}]"));
    assertThat(r.tools()).hasSize(1);
    assertThat(r.tools().get(0).name()).isEqualTo("f");
    assertThat(r.passthrough().dialect()).isEqualTo(AnthropicDialect.NAME);
    assertThat(r.passthrough().fields().get("tools")).isEqualTo(Golden.parse("[{\"type\":\"bash_20250124\","
        + "\"name\":\"bash\"},{\"type\":\"text_editor_20250728\",\"name\":\"str_replace_based_edit_tool\"}]"));
  }
}
