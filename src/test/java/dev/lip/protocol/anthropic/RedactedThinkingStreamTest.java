package dev.lip.protocol.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lip.model.ChatEvent;
import dev.lip.model.ChatRequest;
import dev.lip.model.Part;
import dev.lip.model.ResponseAccumulator;
import dev.lip.protocol.StreamEncoder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A streamed {@code redacted_thinking} block survives decoding, folding and re-encoding. */
class RedactedThinkingStreamTest {
  private static final AnthropicDialect DIALECT = new AnthropicDialect();
  private static final String UPSTREAM = """
      event: message_start
      data: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","content":[],"model":"claude","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":5,"output_tokens":1}}}

      event: content_block_start
      data: {"type":"content_block_start","index":0,"content_block":{"type":"redacted_thinking","data":"EmwKAhgBEgy3va3pzix"}}

      event: content_block_stop
      data: {"type":"content_block_stop","index":0}

      event: content_block_start
      data: {"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}

      event: content_block_delta
      data: {"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"Done."}}

      event: content_block_stop
      data: {"type":"content_block_stop","index":1}

      event: message_delta
      data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":3}}

      event: message_stop
      data: {"type":"message_stop"}

      """;

  @Test
  void decodesFoldsAndReEncodesTheBlock() {
    List<ChatEvent> events = Golden.decode(DIALECT.newStreamDecoder(), UPSTREAM);

    assertThat(events.get(0)).isEqualTo(new ChatEvent.RedactedThinking("EmwKAhgBEgy3va3pzix"));
    assertThat(events.get(1)).isEqualTo(new ChatEvent.TextDelta("Done."));
    ResponseAccumulator accumulator = new ResponseAccumulator();
    events.forEach(accumulator::accept);
    assertThat(accumulator.response().content()).containsExactly(
        new Part.RedactedThinking("EmwKAhgBEgy3va3pzix", null), Part.Text.of("Done."));

    StreamEncoder encoder = DIALECT.newStreamEncoder(ChatRequest.simple("claude", "hi", true), 0);
    StringBuilder sse = new StringBuilder(encoder.encode(new ChatEvent.Started("msg_1", "anthropic", "claude")));
    events.forEach(e -> sse.append(encoder.encode(e)));
    assertThat(Golden.decode(DIALECT.newStreamDecoder(), sse.toString())).isEqualTo(events);
    assertThat(sse.toString()).contains("\"content_block\":{\"type\":\"redacted_thinking\",\"data\":\"EmwKAhgBEgy3va3pzix\"}");
  }
}
