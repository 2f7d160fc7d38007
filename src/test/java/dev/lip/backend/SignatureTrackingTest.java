package dev.lip.backend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lip.bus.Dispatch;
import dev.lip.model.ChatEvent;
import dev.lip.model.ChatRequest;
import dev.lip.model.Message;
import dev.lip.model.Part;
import dev.lip.model.Role;
import dev.lip.model.StopReason;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignatureTrackingTest {
  private final SignatureLedger ledger = new SignatureLedger(1_000, Duration.ofHours(1));

  /** Answers with fixed events and keeps the dispatches it got. */
  private static final class Scripted implements Provider {
    final String dialect;
    final List<ChatEvent> events;
    final List<Dispatch> dispatches = new ArrayList<>();

    Scripted(String dialect, ChatEvent... events) {
      this.dialect = dialect;
      this.events = List.of(events);
    }

    @Override
    public String dialect() {
      return dialect;
    }

    @Override
    public UpstreamCall start(Dispatch dispatch, String apiKey, EventSink sink) {
      dispatches.add(dispatch);
      events.forEach(sink);
      return null;
    }

    @Override
    public Future<List<String>> models(String apiKey) {
      return Future.succeededFuture(List.of());
    }
  }

  @Test
  void recordsTheSignaturesOfAnswersUnderTheProvidersDialect() {
    Scripted gemini = new Scripted("gemini", new ChatEvent.TextDelta("plain"),
        new ChatEvent.ThinkingDelta("hmm", null), new ChatEvent.ThinkingDelta("", "sig-thought"),
        new ChatEvent.ToolCallStarted(0, "c1", "f", "sig-call"), new ChatEvent.ToolCallStarted(1, "c2", "g"),
        new ChatEvent.RedactedThinking("redacted"), new ChatEvent.Finished(StopReason.TOOL_USE));
    List<ChatEvent> seen = new ArrayList<>();

    new SignatureTracking(gemini, ledger).start(dispatch(ChatRequest.simple("m", "hi", false)), null, seen::add);

    assertThat(seen).isEqualTo(gemini.events);
    assertThat(ledger.origin("sig-thought")).isEqualTo("gemini");
    assertThat(ledger.origin("sig-call")).isEqualTo("gemini");
    assertThat(ledger.origin("redacted")).isEqualTo("gemini");
    assertThat(ledger.size()).isEqualTo(3);
  }

  @Test
  void sendsTheProviderNoForeignSignatureAndTheSameDispatchWhenThereIsNone() {
    ledger.record("sig-gemini", "gemini");
    Scripted anthropic = new Scripted("anthropic-messages", new ChatEvent.Finished(StopReason.END_TURN));
    SignatureTracking tracking = new SignatureTracking(anthropic, ledger);
    ChatRequest plain = ChatRequest.simple("m", "hi", false);
    ChatRequest signed = plain.withMessages(List.of(Message.text(Role.USER, "hi"),
        new Message(Role.ASSISTANT, List.of(new Part.Thinking("hmm", "sig-gemini", null), Part.Text.of("yes"))),
        Message.text(Role.USER, "and?")));
    Dispatch plainDispatch = dispatch(plain);
    Dispatch signedDispatch = dispatch(signed);

    tracking.start(plainDispatch, null, event -> { });
    tracking.start(signedDispatch, null, event -> { });

    assertThat(anthropic.dispatches.get(0)).isSameAs(plainDispatch);
    Dispatch sent = anthropic.dispatches.get(1);
    assertThat(sent.requestId()).isEqualTo(signedDispatch.requestId());
    assertThat(sent.streamAddress()).isEqualTo(signedDispatch.streamAddress());
    assertThat(sent.headers()).isEqualTo(signedDispatch.headers());
    assertThat(sent.request().messages().get(1).parts())
        .containsExactly(new Part.Thinking("hmm", null, null), Part.Text.of("yes"));
  }

  private static Dispatch dispatch(ChatRequest request) {
    return new Dispatch("req-1", "session-1", 1, request, "lip.stream.test", "lip.router.outcomes.test", 0,
        Map.of("anthropic-version", "2023-06-01"));
  }
}
