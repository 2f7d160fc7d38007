package dev.lip.protocol.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lip.model.CacheControl;
import dev.lip.model.ChatRequest;
import dev.lip.model.Message;
import dev.lip.model.Part;
import dev.lip.model.Passthrough;
import dev.lip.model.Reasoning;
import dev.lip.model.Role;
import dev.lip.model.Sampling;
import dev.lip.model.ToolChoice;
import dev.lip.model.ToolDefinition;
import dev.lip.protocol.openai.OpenAiChatDialect;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessagesRequestEncoderTest {
  private static final AnthropicDialect DIALECT = new AnthropicDialect();

  private static ChatRequest request(List<Message> messages, Sampling sampling, Reasoning reasoning) {
    return new ChatRequest("m", List.of(), messages, List.of(), null, null, sampling, reasoning, null, false, false,
        null, Map.of(), Passthrough.NONE);
  }

  private static JsonNode encode(ChatRequest request) {
    return Golden.parse(DIALECT.encodeRequest(request, "claude-x").toString());
  }

  private static JsonNode encodeReasoning(Integer maxTokens, Reasoning reasoning) {
    return encode(request(List.of(Message.text(Role.USER, "hi")),
        new Sampling(0.3, 0.5, 5, maxTokens, List.of(), null, null, null), reasoning));
  }

  @Test
  void requestPathAndName() {
    assertThat(DIALECT.requestPath("claude-x", true)).isEqualTo("/messages");
    assertThat(DIALECT.requestPath("claude-x", false)).isEqualTo("/messages");
    assertThat(DIALECT.name()).isEqualTo("anthropic-messages");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(nullValues = "null", textBlock = """
      minimal, 1024
      low,     2048
      medium,  8192
      HIGH,    24576
      xhigh,   32768
      max,     32768
      other,   8192
      """)
  void effortMapsToABudgetAndMaxTokensMakesRoomForIt(String effort, int budget) {
    JsonNode body = encodeReasoning(null, new Reasoning(effort, null, null));
    assertThat(body.get("thinking")).isEqualTo(Golden.parse(
        "{\"type\":\"enabled\",\"budget_tokens\":" + budget + "}"));
    assertThat(body.get("max_tokens").intValue()).isEqualTo(8192 <= budget ? 8192 + budget : 8192);
    assertThat(body.has("temperature")).isFalse();
    assertThat(body.has("top_p")).isFalse();
    assertThat(body.has("top_k")).isFalse();
  }

  @Test
  void maxTokensDefaultsAndKeepsTheClientsValueAboveTheBudget() {
    JsonNode plain = encodeReasoning(null, Reasoning.UNSET);
    assertThat(plain.get("max_tokens").intValue()).isEqualTo(8192);
    assertThat(plain.has("thinking")).isFalse();
    assertThat(plain.get("temperature").doubleValue()).isEqualTo(0.3);
    assertThat(plain.get("top_p").doubleValue()).isEqualTo(0.5);
    assertThat(plain.get("top_k").intValue()).isEqualTo(5);
    assertThat(encodeReasoning(20000, new Reasoning(null, 4000, true)).get("max_tokens").intValue()).isEqualTo(20000);
    assertThat(encodeReasoning(4000, new Reasoning(null, 4000, true)).get("max_tokens").intValue()).isEqualTo(8000);
    assertThat(encodeReasoning(null, new Reasoning(null, 100, true)).get("thinking"))
        .isEqualTo(Golden.parse("{\"type\":\"enabled\",\"budget_tokens\":1024}"));
  }

  @Test
  void disabledThinkingAndThoughtsWithoutAnAmount() {
    assertThat(encodeReasoning(null, new Reasoning("none", null, null)).get("thinking"))
        .isEqualTo(Golden.parse("{\"type\":\"disabled\"}"));
    JsonNode off = encodeReasoning(null, new Reasoning(null, null, false));
    assertThat(off.get("thinking")).isEqualTo(Golden.parse("{\"type\":\"disabled\"}"));
    assertThat(off.get("temperature").doubleValue()).isEqualTo(0.3);
    assertThat(encodeReasoning(null, new Reasoning(null, null, true)).get("thinking"))
        .isEqualTo(Golden.parse("{\"type\":\"enabled\",\"budget_tokens\":8192}"));
  }

  @Test
  void conversationBecomesStrictlyAlternatingTurns() {
    CacheControl cc = CacheControl.EPHEMERAL;
    ChatRequest r = request(List.of(
        new Message(Role.USER, List.of(new Part.Text("q", cc), Part.Text.of(""))),
        new Message(Role.USER, List.of(Part.Text.of("q2"))),
        new Message(Role.ASSISTANT, List.of(new Part.ToolCall("c1", "f", "not json", null),
            Part.Text.of("calling"), new Part.Thinking("unsigned", null, null),
            new Part.Thinking("signed", "sig", null))),
        new Message(Role.TOOL, List.of(new Part.ToolResult("c1", List.of(new Part.Text("r", cc)), true, cc))),
        new Message(Role.SYSTEM, List.of(Part.Text.of("be brief"))),
        new Message(Role.USER, List.of(Part.Text.of("more"),
            new Part.ToolResult("c2", List.of(Part.Text.of("a"), Part.Text.of("b")), false, null))),
        new Message(Role.ASSISTANT, List.of(new Part.Thinking("only unsigned", null, null)))),
        Sampling.DEFAULTS, Reasoning.UNSET);
    JsonNode body = encode(r);
    assertThat(body.get("system")).isEqualTo(Golden.parse("[{\"type\":\"text\",\"text\":\"be brief\"}]"));
    assertThat(body.get("messages")).isEqualTo(Golden.parse("["
        + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"q\",\"cache_control\":{\"type\":\"ephemeral\"}},"
        + "{\"type\":\"text\",\"text\":\"q2\"}]},"
        + "{\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"signed\",\"signature\":\"sig\"},"
        + "{\"type\":\"text\",\"text\":\"calling\"},{\"type\":\"tool_use\",\"id\":\"c1\",\"name\":\"f\",\"input\":{}}]},"
        + "{\"role\":\"user\",\"content\":["
        + "{\"type\":\"tool_result\",\"tool_use_id\":\"c1\",\"content\":[{\"type\":\"text\",\"text\":\"r\","
        + "\"cache_control\":{\"type\":\"ephemeral\"}}],\"is_error\":true,\"cache_control\":{\"type\":\"ephemeral\"}},"
        + "{\"type\":\"tool_result\",\"tool_use_id\":\"c2\",\"content\":[{\"type\":\"text\",\"text\":\"a\"},"
        + "{\"type\":\"text\",\"text\":\"b\"}]},"
        + "{\"type\":\"text\",\"text\":\"more\"}]}]"));
  }

  @Test
  void customToolsGetAnInputStringSchemaAndTheirCallsWrapTheFreeText() {
    ChatRequest r = new ChatRequest("m", List.of(), List.of(Message.text(Role.USER, "patch"),
        new Message(Role.ASSISTANT, List.of(new Part.ToolCall("c", "apply_patch", "*** Begin Patch", null)))),
        List.of(new ToolDefinition(ToolDefinition.Kind.CUSTOM, "apply_patch", "Apply a patch",
            Golden.parse("{\"type\":\"grammar\"}"), null, null),
            new ToolDefinition(ToolDefinition.Kind.FUNCTION, "noargs", null, null, true, null)),
        ToolChoice.tool("apply_patch"), true, Sampling.DEFAULTS, Reasoning.UNSET, null, true, true, "u",
        Map.of("user_id", "uid", "trace", "x"), Passthrough.NONE);
    JsonNode body = encode(r);
    assertThat(body.get("tools")).isEqualTo(Golden.parse("[{\"name\":\"apply_patch\",\"description\":\"Apply a patch\","
        + "\"input_schema\":{\"type\":\"object\",\"properties\":{\"input\":{\"type\":\"string\"}},\"required\":[\"input\"]}},"
        + "{\"name\":\"noargs\",\"input_schema\":{\"type\":\"object\",\"properties\":{}}}]"));
    assertThat(body.at("/messages/1/content/0/input")).isEqualTo(Golden.parse("{\"input\":\"*** Begin Patch\"}"));
    assertThat(body.get("tool_choice")).isEqualTo(Golden.parse("{\"type\":\"tool\",\"name\":\"apply_patch\"}"));
    assertThat(body.get("metadata")).isEqualTo(Golden.parse("{\"user_id\":\"uid\"}"));
    assertThat(body.get("stream").booleanValue()).isTrue();
  }

  @Test
  void toolChoiceIsOnlySentWithToolsAndNoneHasNoParallelFlag() {
    ChatRequest noTools = new ChatRequest("m", List.of(), List.of(Message.text(Role.USER, "hi")), List.of(),
        ToolChoice.REQUIRED, false, Sampling.DEFAULTS, Reasoning.UNSET, null, false, false, null, Map.of(),
        Passthrough.NONE);
    assertThat(encode(noTools).has("tool_choice")).isFalse();
    ChatRequest none = new ChatRequest("m", List.of(), List.of(Message.text(Role.USER, "hi")),
        List.of(ToolDefinition.function("f", null, null)), ToolChoice.NONE, false, Sampling.DEFAULTS,
        Reasoning.UNSET, null, false, false, null, Map.of(), Passthrough.NONE);
    assertThat(encode(none).get("tool_choice")).isEqualTo(Golden.parse("{\"type\":\"none\"}"));
    ChatRequest onlyParallel = new ChatRequest("m", List.of(), List.of(Message.text(Role.USER, "hi")),
        List.of(ToolDefinition.function("f", null, null)), null, false, Sampling.DEFAULTS, Reasoning.UNSET, null,
        false, false, null, Map.of(), Passthrough.NONE);
    assertThat(encode(onlyParallel).get("tool_choice"))
        .isEqualTo(Golden.parse("{\"type\":\"auto\",\"disable_parallel_tool_use\":true}"));
  }

  @Test
  void passthroughNeverOverridesProxyFieldsAndOtherDialectsPassNothing() {
    Passthrough mine = new Passthrough(AnthropicDialect.NAME, Map.of("model", Golden.parse("\"evil\""),
        "max_tokens", Golden.parse("1"), "service_tier", Golden.parse("\"auto\"")));
    ChatRequest r = request(List.of(Message.text(Role.USER, "hi")), Sampling.DEFAULTS, Reasoning.UNSET);
    ChatRequest withMine = new ChatRequest("m", List.of(), r.messages(), List.of(), null, null, Sampling.DEFAULTS,
        Reasoning.UNSET, null, false, false, null, Map.of(), mine);
    JsonNode body = encode(withMine);
    assertThat(body.get("model").textValue()).isEqualTo("claude-x");
    assertThat(body.get("max_tokens").intValue()).isEqualTo(8192);
    assertThat(body.get("service_tier").textValue()).isEqualTo("auto");
    ChatRequest withOther = new ChatRequest("m", List.of(), r.messages(), List.of(), null, null, Sampling.DEFAULTS,
        Reasoning.UNSET, null, false, false, null, Map.of(),
        new Passthrough("openai-chat", Map.of("prediction", Golden.parse("{}"))));
    assertThat(encode(withOther).has("prediction")).isFalse();
  }

  @Test
  void forcedToolUseDropsThinkingIncludingAnAdaptivePassthrough() {
    ChatRequest claude = DIALECT.decodeRequest(Golden.parse("{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
        + "\"content\":\"hi\"}],\"tools\":[{\"name\":\"f\",\"input_schema\":{\"type\":\"object\"}}],"
        + "\"tool_choice\":{\"type\":\"any\"},\"thinking\":{\"type\":\"adaptive\"},\"temperature\":0.5}"));
    JsonNode body = encode(claude);
    assertThat(body.has("thinking")).isFalse();
    assertThat(body.get("temperature").doubleValue()).isEqualTo(0.5);
  }

  /** Peer lesson 13: Anthropic server tools must never reach an OpenAI-compatible upstream. */
  @Test
  void serverToolsNeverLeakToOtherDialects() {
    ChatRequest claude = DIALECT.decodeRequest(Golden.json("request-claude-code.json"));
    JsonNode openAi = new OpenAiChatDialect().encodeRequest(claude, "gpt-x");
    assertThat(openAi.toString()).doesNotContain("web_search").doesNotContain("context_management");
    assertThat(openAi.get("tools")).hasSize(2);
  }
}
