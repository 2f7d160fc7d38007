package dev.lip.backend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lip.model.CacheControl;
import dev.lip.model.ChatRequest;
import dev.lip.model.Message;
import dev.lip.model.Part;
import dev.lip.model.Role;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SignatureFilterTest {
  private static final String ANTHROPIC = "anthropic-messages";
  private static final String GEMINI = "gemini";

  private final SignatureLedger ledger = new SignatureLedger(1_000, Duration.ofHours(1));
  private final SignatureFilter toAnthropic = new SignatureFilter(ledger, ANTHROPIC);
  private final SignatureFilter toGemini = new SignatureFilter(ledger, GEMINI);

  @BeforeEach
  void record() {
    ledger.record("sig-anthropic", ANTHROPIC);
    ledger.record("redacted-anthropic", ANTHROPIC);
    ledger.record("sig-gemini-thought", GEMINI);
    ledger.record("sig-gemini-call", GEMINI);
  }

  @Test
  void aRequestWithoutSignaturesIsReturnedAsIs() {
    ChatRequest request = request(user("hi"), assistant(Part.Text.of("hello"),
        new Part.Thinking("unsigned", null, null), new Part.ToolCall("c1", "f", "{}", null)), user("more"));

    assertThat(toGemini.apply(request)).isSameAs(request);
    assertThat(toAnthropic.apply(request)).isSameAs(request);
  }

  @Test
  void signaturesOfTheSameDialectAreKept() {
    ChatRequest request = request(user("hi"), assistant(new Part.Thinking("hmm", "sig-anthropic", null),
        new Part.RedactedThinking("redacted-anthropic", null), Part.Text.of("answer")), user("more"));

    assertThat(toAnthropic.apply(request)).isSameAs(request);
  }

  @Test
  void unknownSignaturesAreKept() {
    ChatRequest request = request(user("hi"), assistant(new Part.Thinking("hmm", "sig-from-before-a-restart", null),
        new Part.RedactedThinking("redacted-unknown", null),
        new Part.ToolCall("c1", "f", "{}", "sig-unknown-call", null)), user("more"));

    assertThat(toGemini.apply(request)).isSameAs(request);
    assertThat(toAnthropic.apply(request)).isSameAs(request);
  }

  @Test
  void foreignThinkingLosesItsSignatureAndForeignRedactedThinkingIsDropped() {
    CacheControl cache = CacheControl.EPHEMERAL;
    Message first = user("hi");
    Message last = user("more");
    ChatRequest request = request(first, assistant(new Part.Thinking("hmm", "sig-anthropic", cache),
        new Part.RedactedThinking("redacted-anthropic", null), Part.Text.of("answer")), last);

    ChatRequest filtered = toGemini.apply(request);

    assertThat(filtered.messages()).hasSize(3);
    assertThat(filtered.messages().get(0)).isSameAs(first);
    assertThat(filtered.messages().get(1).parts())
        .containsExactly(new Part.Thinking("hmm", null, cache), Part.Text.of("answer"));
    assertThat(filtered.messages().get(2)).isSameAs(last);
    assertThat(filtered.system()).isEqualTo(request.system());
    assertThat(filtered.selector()).isEqualTo(request.selector());
  }

  @Test
  void foreignSignatureOnlyThinkingIsDropped() {
    ChatRequest request = request(user("hi"),
        assistant(new Part.Thinking("", "sig-gemini-thought", null), Part.Text.of("answer")));

    ChatRequest filtered = toAnthropic.apply(request);

    assertThat(filtered.messages().get(1).parts()).containsExactly(Part.Text.of("answer"));
  }

  @Test
  void foreignToolCallsLoseTheirSignature() {
    ChatRequest request = request(user("hi"),
        assistant(new Part.Thinking("hmm", "sig-gemini-thought", null),
            new Part.ToolCall("c1", "get_weather", "{\"city\":\"Paris\"}", "sig-gemini-call", null)),
        new Message(Role.TOOL, List.of(new Part.ToolResult("c1", List.of(Part.Text.of("sunny")), false, null))));

    ChatRequest filtered = toAnthropic.apply(request);

    assertThat(filtered.messages().get(1).parts()).containsExactly(new Part.Thinking("hmm", null, null),
        new Part.ToolCall("c1", "get_weather", "{\"city\":\"Paris\"}", null, null));
    assertThat(filtered.messages().get(2)).isSameAs(request.messages().get(2));
    assertThat(toGemini.apply(request)).isSameAs(request);
  }

  @Test
  void aMessageLeftEmptyIsDropped() {
    ChatRequest request = request(user("hi"), assistant(new Part.RedactedThinking("redacted-anthropic", null)),
        user("more"), assistant(new Part.Thinking("again", "sig-anthropic", null), Part.Text.of("done")));

    ChatRequest filtered = toGemini.apply(request);

    assertThat(filtered.messages()).containsExactly(user("hi"), user("more"),
        assistant(new Part.Thinking("again", null, null), Part.Text.of("done")));
  }

  @Test
  void everyForeignPartOfEveryMessageIsHandled() {
    ChatRequest request = request(user("hi"),
        assistant(Part.Text.of("a"), new Part.Thinking("t1", "sig-gemini-thought", null), Part.Text.of("b"),
            new Part.ToolCall("c1", "f", "{}", "sig-gemini-call", null)),
        user("more"),
        assistant(new Part.Thinking("t2", "sig-anthropic", null), new Part.Thinking("", "sig-gemini-thought", null)));

    ChatRequest filtered = toAnthropic.apply(request);

    assertThat(filtered.messages()).containsExactly(user("hi"),
        assistant(Part.Text.of("a"), new Part.Thinking("t1", null, null), Part.Text.of("b"),
            new Part.ToolCall("c1", "f", "{}", null, null)),
        user("more"),
        assistant(new Part.Thinking("t2", "sig-anthropic", null)));
  }

  private static ChatRequest request(Message... messages) {
    return ChatRequest.simple("model-x", "ignored", false).withMessages(List.of(messages));
  }

  private static Message user(String text) {
    return Message.text(Role.USER, text);
  }

  private static Message assistant(Part... parts) {
    return new Message(Role.ASSISTANT, List.of(parts));
  }
}
