package dev.lip.bus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.lip.model.CacheControl;
import dev.lip.model.ChatEvent;
import dev.lip.model.ChatRequest;
import dev.lip.model.Message;
import dev.lip.model.Part;
import dev.lip.model.Passthrough;
import dev.lip.model.ProxyError;
import dev.lip.model.Reasoning;
import dev.lip.model.ResponseFormat;
import dev.lip.model.Role;
import dev.lip.model.Sampling;
import dev.lip.model.StopReason;
import dev.lip.model.ToolChoice;
import dev.lip.model.ToolDefinition;
import dev.lip.model.Usage;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every message type survives the cluster (wire) encoding unchanged, and the local path copies nothing. */
class BusCodecsTest {

  static ChatRequest richRequest() {
    var schema = JsonNodeFactory.instance.objectNode().put("type", "object");
    return new ChatRequest(
        "openai:gpt-4o",
        List.of(new Part.Text("be brief", CacheControl.EPHEMERAL)),
        List.of(
            new Message(Role.USER, List.of(Part.Text.of("look"),
                new Part.Image(null, "image/png", "iVBORw0KGgo=", "high", null))),
            new Message(Role.ASSISTANT, List.of(
                new Part.Thinking("hmm", "sig-1", null),
                new Part.RedactedThinking("opaque", null),
                new Part.ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}", null))),
            new Message(Role.TOOL, List.of(new Part.ToolResult("call_1",
                List.of(Part.Text.of("sunny")), true, new CacheControl("ephemeral", "1h"))))),
        List.of(ToolDefinition.function("get_weather", "Weather", schema)),
        ToolChoice.tool("get_weather"), Boolean.TRUE,
        new Sampling(0.2, 0.9, 40, 512, List.of("END"), 7L, 0.1, 0.3),
        new Reasoning("high", 2048, true),
        new ResponseFormat(ResponseFormat.Kind.JSON_SCHEMA, "answer", schema, true),
        true, true, "user-1", Map.of("k", "v"),
        new Passthrough("openai-chat", Map.of("logprobs", JsonNodeFactory.instance.booleanNode(true))));
  }

  static List<Object> samples() {
    ProxyError error = new ProxyError(ProxyError.Kind.RATE_LIMITED, 429, "slow down", true, 3L, "429");
    return List.of(
        new Call("req_1", "session-key-1", "openai-chat", richRequest(), "lip.stream.req_1",
            Map.of("anthropic-beta", "x")),
        new Call("req_2", null, "openai-chat", richRequest(), "lip.stream.req_2", Map.of()),
        new Dispatch("req_2", null, 1, richRequest(), "lip.stream.req_2", "lip.router.outcomes.r1", 0L, Map.of()),
        new Dispatch("req_1", "session-key-1", 2, richRequest(), "lip.stream.req_1", "lip.router.outcomes.r1", 1234L,
            Map.of("anthropic-beta", "x")),
        new DispatchOutcome("req_1", 2, error),
        new DispatchOutcome("req_1", 1, null),
        new FlowControl("req_1", true),
        new StreamEvent("req_1", new ChatEvent.TextDelta("a")),
        new StreamEvent("req_1", List.of(new ChatEvent.Started("id-1", "openai", "gpt-4o"),
            new ChatEvent.TextDelta("a"), new ChatEvent.UsageReport(new Usage(1, 2, 0, 0, 0)),
            new ChatEvent.Finished(StopReason.END_TURN))),
        new ModelCatalog(List.of(new ModelCatalog.Entry("mock", "echo"))),
        new BackendHealth("openai", "openai", "degraded", "CLOSED", 0, 2, 10, 4000,
            List.of(new BackendHealth.Key("sk-…abcd", "cooling", 1500, "rate limited")), "HTTP 429", 1234L),
        new ChatEvent.Started("id-1", "openai", "gpt-4o"),
        new ChatEvent.TextDelta("hello"),
        new ChatEvent.ThinkingDelta("think", "sig"),
        new ChatEvent.RedactedThinking("opaque"),
        new ChatEvent.ToolCallStarted(1, "call_2", "f"),
        new ChatEvent.ToolCallDelta(1, "{\"a\":"),
        new ChatEvent.ToolCallDone(1),
        new ChatEvent.UsageReport(new Usage(10, 20, 3, 4, 5)),
        new ChatEvent.Finished(StopReason.TOOL_USE),
        new ChatEvent.Failed(error),
        new ChatEvent.Failed(new ProxyError(ProxyError.Kind.INVALID_REQUEST, 400, "bad n", false, null,
            "context_length_exceeded", "n")));
  }

  @Test
  void everyRegisteredTypeHasASample() {
    Set<Class<?>> sampled = new HashSet<>();
    samples().forEach(s -> sampled.add(s.getClass()));
    assertThat(sampled).containsExactlyInAnyOrderElementsOf(BusCodecs.MESSAGE_TYPES);
  }

  @Test
  void everyTypeRoundTripsThroughTheWireEncoding() {
    for (Object sample : samples()) {
      assertThat(roundTrip(sample)).as(sample.getClass().getSimpleName()).isEqualTo(sample);
    }
  }

  @Test
  void theLocalPathHandsOverTheSameInstance() {
    for (Object sample : samples()) {
      assertThat(transform(sample)).isSameAs(sample);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T body) {
    MessageCodec<T, T> codec = BusCodecs.codecFor((Class<T>) body.getClass());
    Buffer wire = Buffer.buffer().appendString("prefix");
    codec.encodeToWire(wire, body);
    return codec.decodeFromWire("prefix".length(), wire);
  }

  @SuppressWarnings("unchecked")
  private static <T> T transform(T body) {
    return BusCodecs.codecFor((Class<T>) body.getClass()).transform(body);
  }
}
