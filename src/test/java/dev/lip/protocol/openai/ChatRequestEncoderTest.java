package dev.lip.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lip.model.CacheControl;
import dev.lip.model.ChatRequest;
import dev.lip.model.Message;
import dev.lip.model.Part;
import dev.lip.model.Passthrough;
import dev.lip.model.Reasoning;
import dev.lip.model.ResponseFormat;
import dev.lip.model.Role;
import dev.lip.model.Sampling;
import dev.lip.model.ToolChoice;
import dev.lip.model.ToolDefinition;
import dev.lip.protocol.Json;
import dev.lip.protocol.anthropic.AnthropicDialect;
import dev.lip.protocol.responses.ResponsesDialect;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The request body for an OpenAI-compatible upstream, byte for byte: the fixtures {@code encode-*.wire.json}
 * pin field order and values (compared once compacted), so the direct writer cannot drift from the body
 * upstreams and their logs have always seen.
 */
class ChatRequestEncoderTest {
  private static final OpenAiChatDialect DIALECT = new OpenAiChatDialect();
  private static final String CITY_SCHEMA_JSON =
      "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}";
  private static final JsonNode CITY_SCHEMA = Json.parseOrNull(CITY_SCHEMA_JSON);
  /** A minimal request up to its messages, and its end when it is not streamed. */
  private static final String HEAD = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],";
  private static final String TAIL = ",\"stream\":false}";
  private static final ToolDefinition WEATHER = ToolDefinition.function("get_weather", null, null);
  private static final ToolDefinition PATCH =
      new ToolDefinition(ToolDefinition.Kind.CUSTOM, "apply_patch", null, null, null, null);

  @Test
  void richRequestIsWrittenAsPinned() {
    assertEncodesAs(rich(), "gpt-x", "encode-rich.wire.json");
  }

  @Test
  void reasoningModelRequestIsWrittenAsPinned() {
    assertEncodesAs(reasoningModel(), "o3-mini", "encode-reasoning-model.wire.json");
  }

  @Test
  void requestFromTheAnthropicDoorIsWrittenAsPinned() {
    ChatRequest request = new AnthropicDialect().decodeRequest(
        Golden.parse(Golden.read("anthropic", "request-claude-code.json")));
    assertEncodesAs(request, "gpt-x", "encode-from-anthropic.wire.json");
  }

  @Test
  void requestFromTheResponsesDoorIsWrittenAsPinned() {
    ChatRequest request = new ResponsesDialect().decodeRequest(
        Golden.parse(Golden.read("responses", "request-codex.json")));
    assertEncodesAs(request, "gpt-x", "encode-from-responses.wire.json");
  }

  @Test
  void toolChoiceModesAreWordsAndANamedToolTakesTheShapeOfItsKind() {
    assertThat(toolChoice(ToolChoice.AUTO)).isEqualTo("\"auto\"");
    assertThat(toolChoice(ToolChoice.NONE)).isEqualTo("\"none\"");
    assertThat(toolChoice(ToolChoice.REQUIRED)).isEqualTo("\"required\"");
    assertThat(toolChoice(ToolChoice.tool("get_weather")))
        .isEqualTo("{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}");
    assertThat(toolChoice(ToolChoice.tool("apply_patch")))
        .isEqualTo("{\"type\":\"custom\",\"custom\":{\"name\":\"apply_patch\"}}");
  }

  @Test
  void responseFormatsAndAnUnnamedSchemaSentAsResponse() {
    assertThat(responseFormat(new ResponseFormat(ResponseFormat.Kind.TEXT, null, null, null)))
        .isEqualTo("{\"type\":\"text\"}");
    assertThat(responseFormat(new ResponseFormat(ResponseFormat.Kind.JSON_OBJECT, null, null, null)))
        .isEqualTo("{\"type\":\"json_object\"}");
    assertThat(responseFormat(new ResponseFormat(ResponseFormat.Kind.JSON_SCHEMA, "city", CITY_SCHEMA, true)))
        .isEqualTo("{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"city\",\"schema\":"
            + CITY_SCHEMA_JSON + ",\"strict\":true}}");
    assertThat(responseFormat(new ResponseFormat(ResponseFormat.Kind.JSON_SCHEMA, null, null, null)))
        .isEqualTo("{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"response\"}}");
  }

  @Test
  void aStreamAlwaysAsksForUsage() {
    assertThat(text(ChatRequest.simple("m", "hi", true), "m"))
        .isEqualTo(HEAD + "\"stream\":true,\"stream_options\":{\"include_usage\":true}}");
  }

  @Test
  void passthroughOfAnotherDialectIsNotSent() {
    ChatRequest request = request(List.of(), null, null,
        new Passthrough("anthropic", Map.of("top_k", Json.NODES.numberNode(5))));
    assertThat(text(request, "m")).isEqualTo(HEAD + TAIL.substring(1));
  }

  /**
   * Every part kind, role and top-level field; passthrough fields include two the proxy sets itself
   * ({@code temperature}, {@code stream_options}), which it keeps.
   */
  private static ChatRequest rich() {
    JsonNode grammar = Json.parseOrNull(
        "{\"type\":\"grammar\",\"grammar\":{\"syntax\":\"lark\",\"definition\":\"start: /.+/\"}}");
    List<ToolDefinition> tools = List.of(
        new ToolDefinition(ToolDefinition.Kind.FUNCTION, "get_weather", "Current weather", CITY_SCHEMA, true,
            CacheControl.EPHEMERAL),
        new ToolDefinition(ToolDefinition.Kind.CUSTOM, "apply_patch", "Apply a patch", grammar, true, null));
    List<Part> system = List.of(Part.Text.of("You are terse."),
        new Part.Image("https://example.com/logo.png", null, null, null, null),
        new Part.Text("Answer in English.", CacheControl.EPHEMERAL));
    List<Message> messages = List.of(
        new Message(Role.USER, List.of(Part.Text.of("Compare these photos."),
            new Part.Image("https://example.com/paris.jpg", null, null, "high", null),
            new Part.Image(null, "image/png", "iVBORw0KGgo=", null, null)), "alice"),
        new Message(Role.ASSISTANT, List.of(new Part.Thinking("Check both.", "sig-1", null),
            Part.Text.of("Checking."),
            new Part.ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}", "sig-2", null),
            new Part.ToolCall("call_2", "apply_patch", "*** Begin Patch", null))),
        new Message(Role.USER, List.of(
            new Part.ToolResult("call_1", List.of(Part.Text.of("18C")), false, null),
            new Part.ToolResult("call_2", List.of(Part.Text.of("patched"), Part.Text.of("2 files")), true, null),
            Part.Text.of("And Tokyo? \"Quoted\", é, 😀"))),
        new Message(Role.ASSISTANT, List.of(new Part.ToolCall("call_3", "get_weather", null, null)), "bot"),
        new Message(Role.TOOL, List.of(new Part.ToolResult("call_3", List.of(Part.Text.of("24C"),
            new Part.Image("https://example.com/tokyo.png", null, null, "low", null)), false, null),
            Part.Text.of("(from the runner)"))),
        new Message(Role.ASSISTANT, List.of(new Part.ToolResult("call_4", List.of(), false, null))),
        new Message(Role.SYSTEM, List.of(Part.Text.of("Keep it short.")), "ops"),
        new Message(Role.ASSISTANT, List.of(new Part.Thinking("Nothing to say.", null, null),
            new Part.RedactedThinking("opaque", null))),
        new Message(Role.USER, List.of(Part.Text.of("Which is warmer?"))));
    Map<String, JsonNode> passthrough = Map.of(
        "store", Json.NODES.booleanNode(true),
        "n", Json.NODES.numberNode(1),
        "logprobs", Json.NODES.booleanNode(true),
        "temperature", Json.NODES.numberNode(1.5),
        "stream_options", Json.parseOrNull("{\"include_usage\":false}"),
        "prediction", Json.parseOrNull("{\"type\":\"content\",\"content\":null}"));
    return new ChatRequest("openai:gpt-x", system, messages, tools, ToolChoice.tool("apply_patch"), false,
        new Sampling(0.2, 0.9, 40, 256, List.of("END", "\n\n"), 42L, 0.5, -0.5),
        new Reasoning("low", 1024, true),
        new ResponseFormat(ResponseFormat.Kind.JSON_SCHEMA, null, CITY_SCHEMA, false), true, false, "user-1234",
        Map.of("team", "blue", "session_id", "s-1"), new Passthrough(OpenAiChatDialect.NAME, passthrough));
  }

  /**
   * For a reasoning model the proxy leaves out temperature and top_p and sends {@code max_completion_tokens};
   * passthrough fields of the names it left out are sent; metadata without {@code store: true} is not.
   */
  private static ChatRequest reasoningModel() {
    Map<String, JsonNode> passthrough = Map.of(
        "store", Json.NODES.booleanNode(false),
        "temperature", Json.NODES.numberNode(1),
        "max_tokens", Json.NODES.numberNode(5));
    return new ChatRequest("o3-mini", List.of(), List.of(Message.text(Role.USER, "hi")),
        List.of(WEATHER), ToolChoice.REQUIRED, null,
        new Sampling(0.2, 0.9, null, 100, List.of(), null, null, null), new Reasoning("high", null, null),
        new ResponseFormat(ResponseFormat.Kind.JSON_OBJECT, null, null, null), false, false, null,
        Map.of("team", "blue"), new Passthrough(OpenAiChatDialect.NAME, passthrough));
  }

  private static void assertEncodesAs(ChatRequest request, String model, String fixture) {
    JsonNode expected = Golden.json(fixture);
    assertThat(text(request, model)).isEqualTo(new String(Json.bytes(expected), StandardCharsets.UTF_8));
    assertThat(DIALECT.encodeRequest(request, model)).isEqualTo(expected);
  }

  private static String toolChoice(ToolChoice choice) {
    return written(request(List.of(WEATHER, PATCH), choice, null, Passthrough.NONE),
        "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}},"
            + "{\"type\":\"custom\",\"custom\":{\"name\":\"apply_patch\"}}],\"tool_choice\":");
  }

  private static String responseFormat(ResponseFormat format) {
    return written(request(List.of(), null, format, Passthrough.NONE), "\"response_format\":");
  }

  /** What a minimal request writes after its messages and {@code lead}, up to its stream flag. */
  private static String written(ChatRequest request, String lead) {
    String text = text(request, "m");
    assertThat(text).startsWith(HEAD + lead).endsWith(TAIL);
    return text.substring(HEAD.length() + lead.length(), text.length() - TAIL.length());
  }

  private static ChatRequest request(List<ToolDefinition> tools, ToolChoice choice, ResponseFormat format,
      Passthrough passthrough) {
    return new ChatRequest("m", List.of(), List.of(Message.text(Role.USER, "hi")), tools, choice, null,
        Sampling.DEFAULTS, Reasoning.UNSET, format, false, false, null, Map.of(), passthrough);
  }

  private static String text(ChatRequest request, String model) {
    return new String(DIALECT.encodeRequestBytes(request, model), StandardCharsets.UTF_8);
  }
}
