package dev.lip.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lip.model.ChatRequest;
import dev.lip.model.Message;
import dev.lip.model.Part;
import dev.lip.model.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyRedactorTest {
  private final KeyRedactor redactor = new KeyRedactor(List.of("sk-live-abcdef123456", "sk-live-abcdef123456-long",
      "short"));

  @Test
  void keysInSystemTextAndToolResultsAreReplaced() {
    ChatRequest request = ChatRequest.simple("m", "use sk-live-abcdef123456 please", false)
        .withSystem(List.of(Part.Text.of("system knows sk-live-abcdef123456-long")))
        .withMessages(List.of(
            Message.text(Role.USER, "use sk-live-abcdef123456 please"),
            new Message(Role.TOOL, List.of(new Part.ToolResult("c1",
                List.of(Part.Text.of("OPENAI_API_KEY=sk-live-abcdef123456")), false, null)))));

    ChatRequest redacted = redactor.redact(request);

    assertThat(redacted.system()).containsExactly(Part.Text.of("system knows " + KeyRedactor.REDACTED));
    assertThat(redacted.messages().get(0).text()).isEqualTo("use " + KeyRedactor.REDACTED + " please");
    assertThat(((Part.ToolResult) redacted.messages().get(1).parts().get(0)).text())
        .isEqualTo("OPENAI_API_KEY=" + KeyRedactor.REDACTED);
  }

  @Test
  void aRequestWithoutKeysIsReturnedAsIs() {
    ChatRequest request = ChatRequest.simple("m", "nothing secret here, not even short", false);
    assertThat(redactor.redact(request)).isSameAs(request);
  }

  @Test
  void shortValuesAreNotTreatedAsKeys() {
    assertThat(redactor.redact(ChatRequest.simple("m", "a short answer", false)).lastUserMessage().text())
        .isEqualTo("a short answer");
  }
}
