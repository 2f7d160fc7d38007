package dev.lip.protocol.responses;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lip.model.ChatRequest;
import dev.lip.model.Message;
import dev.lip.model.Part;
import dev.lip.model.Passthrough;
import dev.lip.model.Reasoning;
import dev.lip.model.Role;
import dev.lip.model.Sampling;
import dev.lip.model.ToolChoice;
import dev.lip.model.ToolDefinition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestEncoderTest {
  private static ChatRequest request(List<Message> messages, List<ToolDefinition> tools, Passthrough passthrough) {
    return new ChatRequest("m", List.of(), messages, tools, null, null, Sampling.DEFAULTS, Reasoning.UNSET, null,
        false, false, null, Map.of(), passthrough);
  }

  private static JsonNode encode(ChatRequest request) {
    return Golden.parse(Golden.DIALECT.encodeRequest(request, "gpt-x").toString());
  }

  @Test
  void outputsFollowTheirCallsEvenWhenTheConversationHadThemFirst() {
    ChatRequest r = request(List.of(
        new Message(Role.USER, List.of(new Part.ToolResult("c1", List.of(Part.Text.of("early")), false, null),
            Part.Text.of("go on"))),
        new Message(Role.ASSISTANT, List.of(new Part.ToolCall("c1", "f", "{}", null)))), List.of(), Passthrough.NONE);
    assertThat(encode(r).get("input")).isEqualTo(Golden.parse("["
        + "{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"go on\"}]},"
        + "{\"type\":\"function_call\",\"call_id\":\"c1\",\"name\":\"f\",\"arguments\":\"{}\"},"
        + "{\"type\":\"function_call_output\",\"call_id\":\"c1\",\"output\":\"early\"}]"));
  }

  /** What another dialect's history holds: unsigned thinking is dropped, chat-shaped grammars are flattened. */
  @Test
  void foreignHistoryIsMadeAcceptableToAResponsesBackend() {
    ToolDefinition patch = new ToolDefinition(ToolDefinition.Kind.CUSTOM, "apply_patch", null, Golden.parse(
        "{\"type\":\"grammar\",\"grammar\":{\"syntax\":\"lark\",\"definition\":\"start: /.+/\"}}"), null, null);
    ChatRequest r = new ChatRequest("m", List.of(Part.Text.of("a"), Part.Text.of("b")), List.of(
        Message.text(Role.USER, "q"),
        new Message(Role.ASSISTANT, List.of(new Part.Thinking("unsigned", null, null), Part.Text.of("x"),
            Part.Text.of("y"), new Part.ToolCall("c1", "apply_patch", "*** Begin", null),
            new Part.RedactedThinking("opaque", null))),
        new Message(Role.TOOL, List.of(new Part.ToolResult("c1", List.of(Part.Text.of("ok"),
            new Part.Image(null, "image/png", "AAA", null, null)), false, null)))),
        List.of(patch), ToolChoice.tool("apply_patch"), false, new Sampling(0.1, null, 40, 9, List.of("END"), 7L,
            null, null), new Reasoning("high", 1000, false), null, true, true, "u", Map.of("k", "v"),
        new Passthrough("openai-chat", Map.of("prediction", Golden.parse("{}"))));
    assertThat(encode(r)).isEqualTo(Golden.parse("{\"model\":\"gpt-x\",\"instructions\":\"a\\n\\nb\",\"input\":["
        + "{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"q\"}]},"
        + "{\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"x\","
        + "\"annotations\":[]},{\"type\":\"output_text\",\"text\":\"y\",\"annotations\":[]}]},"
        + "{\"type\":\"custom_tool_call\",\"call_id\":\"c1\",\"name\":\"apply_patch\",\"input\":\"*** Begin\"},"
        + "{\"type\":\"reasoning\",\"summary\":[],\"encrypted_content\":\"opaque\"},"
        + "{\"type\":\"custom_tool_call_output\",\"call_id\":\"c1\",\"output\":[{\"type\":\"input_text\",\"text\":\"ok\"},"
        + "{\"type\":\"input_image\",\"image_url\":\"data:image/png;base64,AAA\",\"detail\":\"auto\"}]}],"
        + "\"tools\":[{\"type\":\"custom\",\"name\":\"apply_patch\",\"format\":{\"type\":\"grammar\","
        + "\"syntax\":\"lark\",\"definition\":\"start: /.+/\"}}],"
        + "\"tool_choice\":{\"type\":\"custom\",\"name\":\"apply_patch\"},\"parallel_tool_calls\":false,"
        + "\"temperature\":0.1,\"max_output_tokens\":9,\"reasoning\":{\"effort\":\"high\"},\"user\":\"u\","
        + "\"metadata\":{\"k\":\"v\"},\"stream\":true}"));
  }

  @Test
  void passthroughNeverOverridesTheProxysFieldsAndFillsTextAndReasoning() {
    ChatRequest decoded = Golden.DIALECT.decodeRequest(Golden.parse("{\"model\":\"m\",\"input\":\"hi\","
        + "\"reasoning\":{\"effort\":\"low\",\"summary\":\"detailed\"},\"text\":{\"verbosity\":\"high\","
        + "\"format\":{\"type\":\"text\"}},\"store\":true,\"tool_choice\":{\"type\":\"allowed_tools\",\"mode\":\"auto\","
        + "\"tools\":[]}}"));
    ChatRequest overridden = decoded.withReasoning(new Reasoning("high", null, true));
    JsonNode wire = encode(overridden);
    assertThat(wire.get("reasoning")).isEqualTo(Golden.parse("{\"effort\":\"high\",\"summary\":\"detailed\"}"));
    assertThat(wire.get("text")).isEqualTo(Golden.parse("{\"format\":{\"type\":\"text\"},\"verbosity\":\"high\"}"));
    assertThat(wire.get("tool_choice")).isEqualTo(Golden.parse("{\"type\":\"allowed_tools\",\"mode\":\"auto\",\"tools\":[]}"));
    assertThat(wire.get("store").booleanValue()).isTrue();
    ChatRequest noThoughts = decoded.withReasoning(new Reasoning("low", null, false));
    assertThat(encode(noThoughts).get("reasoning")).isEqualTo(Golden.parse("{\"effort\":\"low\"}"));
  }

  @Test
  void requestPathAndName() {
    assertThat(Golden.DIALECT.requestPath("gpt-5", true)).isEqualTo("/responses");
    assertThat(Golden.DIALECT.name()).isEqualTo("openai-responses").isEqualTo(ResponsesDialect.NAME);
  }
}
