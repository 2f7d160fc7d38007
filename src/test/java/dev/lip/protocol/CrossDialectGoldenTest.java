package dev.lip.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lip.model.ChatEvent;
import dev.lip.model.ChatRequest;
import dev.lip.protocol.anthropic.AnthropicDialect;
import dev.lip.protocol.gemini.GeminiDialect;
import dev.lip.protocol.openai.OpenAiChatDialect;
import dev.lip.protocol.responses.ResponsesDialect;
import dev.lip.protocol.sse.SseEvent;
import dev.lip.protocol.sse.SseEventParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every dialect's golden stream transcripts, decoded to canonical events (by that dialect's own golden
 * tests), re-encoded into every other dialect and compared with the expected files under
 * {@code golden/cross/<source>/<transcript>.<target>.sse}: SSE event names must match and payloads must be
 * equal as JSON. Run with {@code -Dgolden.update=true} to rewrite the expected files after a deliberate
 * change, then review the diff.
 */
class CrossDialectGoldenTest {
  private static final Path EXPECTED = Path.of("src/test/resources/golden/cross");
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
  private static final Map<String, ClientDialect> DIALECTS = new LinkedHashMap<>();

  static {
    DIALECTS.put("openai-chat", new OpenAiChatDialect(CLOCK));
    DIALECTS.put("responses", new ResponsesDialect(CLOCK));
    DIALECTS.put("anthropic", new AnthropicDialect());
    DIALECTS.put("gemini", new GeminiDialect());
  }

  private static final Map<String, List<String>> TRANSCRIPTS = Map.of(
      "openai-chat", List.of("stream-text", "stream-parallel-tools", "stream-reasoning", "stream-error"),
      "responses", List.of("stream-text", "stream-parallel-tools", "stream-reasoning-tools", "stream-error-mid"),
      "anthropic", List.of("stream-text", "stream-two-tools", "stream-thinking-tool", "stream-error"),
      "gemini", List.of("stream-text", "stream-parallel-tools", "stream-thinking-tools", "stream-error"));

  static Stream<Arguments> cells() {
    List<Arguments> cells = new ArrayList<>();
    for (String source : DIALECTS.keySet()) {
      for (String transcript : TRANSCRIPTS.get(source)) {
        for (String target : DIALECTS.keySet()) {
          if (!target.equals(source)) {
            cells.add(Arguments.of(source, transcript, target));
          }
        }
      }
    }
    return cells.stream();
  }

  @ParameterizedTest(name = "{0}/{1} -> {2}")
  @MethodSource("cells")
  void reEncodesIntoTheExpectedStream(String source, String transcript, String target) throws IOException {
    List<ChatEvent> events = new ArrayList<>();
    events.add(new ChatEvent.Started("golden-1", "backend", "model-x"));
    events.addAll(GoldenFiles.events(GoldenFiles.read(source, transcript + ".events.jsonl")));
    ChatRequest request = ChatRequest.simple("model-x", "hi", true).withStream(true);
    StreamEncoder encoder = DIALECTS.get(target).newStreamEncoder(
        new ChatRequest(request.selector(), request.system(), request.messages(), request.tools(), null, null,
            request.sampling(), request.reasoning(), null, true, true, null, Map.of(),
            request.passthrough()), 1_700_000_000L);
    StringBuilder actual = new StringBuilder();
    events.forEach(e -> actual.append(encoder.encode(e)));

    Path expected = EXPECTED.resolve(source).resolve(transcript + "." + target + ".sse");
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(expected.getParent());
      Files.writeString(expected, actual);
    }
    assertThat(expected).as("expected file (run with -Dgolden.update=true to create it)").exists();
    assertSameStream(actual.toString(), Files.readString(expected));
  }

  private static void assertSameStream(String actual, String expected) {
    List<SseEvent> got = frames(actual);
    List<SseEvent> want = frames(expected);
    assertThat(got).hasSameSizeAs(want);
    for (int i = 0; i < want.size(); i++) {
      assertThat(got.get(i).event()).as("event %d name", i).isEqualTo(want.get(i).event());
      assertThat(json(got.get(i).data())).as("event %d payload", i).isEqualTo(json(want.get(i).data()));
    }
  }

  private static List<SseEvent> frames(String sse) {
    SseEventParser parser = new SseEventParser();
    List<SseEvent> frames = new ArrayList<>();
    for (String line : sse.split("\n", -1)) {
      SseEvent event = parser.line(line);
      if (event != null) {
        frames.add(event);
      }
    }
    return frames;
  }

  private static JsonNode json(String data) {
    JsonNode node = Json.parseOrNull(data);
    return node != null ? node : Json.NODES.textNode(data);
  }
}
