package dev.lip.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lip.model.ChatRequest;
import dev.lip.model.Message;
import dev.lip.model.Part;
import dev.lip.model.Passthrough;
import dev.lip.model.Reasoning;
import dev.lip.model.Role;
import dev.lip.model.Sampling;
import dev.lip.protocol.Json;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionKeysTest {
  private static final String CREDENTIAL = "sk-secret-credential-0123456789";
  private static final String OTHER_CREDENTIAL = "sk-other-credential-9876543210";
  private static final ChatRequest HELLO = request("be brief", "hello");

  private final SessionKeys sessions = new SessionKeys(
      responseId -> responseId.equals("resp_known") ? Optional.of("stored-session") : Optional.empty());

  @Test
  void theSessionHeaderComesFirst() {
    SessionKeys.SessionKey session = derive(Map.of("x-session-id", "from-header",
        "x-claude-code-session-id", "cc", "session_id", "codex"),
        "{\"session_id\":\"from-body\",\"previous_response_id\":\"resp_known\"}");

    assertThat(session.id()).isEqualTo("from-header");
    assertThat(session.source()).isEqualTo("header");
  }

  @Test
  void theBodySessionIdComesBeforeExtraBodyThenMetadata() {
    assertThat(derive(Map.of(), "{\"session_id\":\"top\",\"extra_body\":{\"session_id\":\"extra\"},"
        + "\"metadata\":{\"session_id\":\"meta\"}}").id()).isEqualTo("top");
    assertThat(derive(Map.of(), "{\"extra_body\":{\"session_id\":\"extra\"},"
        + "\"metadata\":{\"session_id\":\"meta\"}}").id()).isEqualTo("extra");
    SessionKeys.SessionKey meta = derive(Map.of(), "{\"metadata\":{\"session_id\":\"meta\"}}");
    assertThat(meta.id()).isEqualTo("meta");
    assertThat(meta.source()).isEqualTo("body");
  }

  @Test
  void aBodySessionIdThatIsNotAStringIsIgnored() {
    assertThat(derive(Map.of(), "{\"session_id\":42,\"metadata\":{\"session_id\":\"meta\"}}").id())
        .isEqualTo("meta");
  }

  @Test
  void theBodyComesBeforeClientNativeIds() {
    SessionKeys.SessionKey session = derive(Map.of("x-claude-code-session-id", "cc", "session-id", "codex"),
        "{\"session_id\":\"from-body\",\"metadata\":{\"user_id\":\"user_ab_account_cd_session_ef\"}}");

    assertThat(session.id()).isEqualTo("from-body");
  }

  @Test
  void claudeCodesSessionHeaderComesBeforeItsUserId() {
    SessionKeys.SessionKey session = derive(Map.of("x-claude-code-session-id", "cc-header"),
        "{\"metadata\":{\"user_id\":\"user_ab_account_cd_session_ef\"}}");

    assertThat(session.id()).isEqualTo("cc-header");
    assertThat(session.source()).isEqualTo("claude-code");
  }

  @Test
  void claudeCodesJsonUserIdGivesItsSessionId() {
    String userId = "{\\\"device_id\\\":\\\"6f1e\\\",\\\"account_uuid\\\":\\\"a-1\\\","
        + "\\\"session_id\\\":\\\"0b7c9a3e-1111-2222-3333-444455556666\\\"}";

    SessionKeys.SessionKey session = derive(Map.of(), "{\"metadata\":{\"user_id\":\"" + userId + "\"}}");

    assertThat(session.id()).isEqualTo("0b7c9a3e-1111-2222-3333-444455556666");
    assertThat(session.source()).isEqualTo("claude-code");
  }

  @Test
  void claudeCodesLegacyUserIdGivesWhatFollowsSession() {
    SessionKeys.SessionKey session = derive(Map.of(), "{\"metadata\":{\"user_id\":"
        + "\"user_9f8e7d_account_1234-abcd_session_0b7c9a3e-1111-2222-3333-444455556666\"}}");

    assertThat(session.id()).isEqualTo("0b7c9a3e-1111-2222-3333-444455556666");
    assertThat(derive(Map.of(), "{\"metadata\":{\"user_id\":\"user_" + "ab12".repeat(16)
        + "_account__session_5e6f\"}}").id()).as("no account").isEqualTo("5e6f");
  }

  @ParameterizedTest
  @ValueSource(strings = {"alice@example.com", "user_42_session_s", "user_ab_account_cd_session_",
      "{\\\"device_id\\\":\\\"d\\\"}"})
  void anyOtherUserIdIsUsedWhole(String userId) {
    SessionKeys.SessionKey session = derive(Map.of(), "{\"metadata\":{\"user_id\":\"" + userId + "\"}}");

    assertThat(session.id()).isEqualTo(userId.replace("\\\"", "\""));
    assertThat(session.source()).isEqualTo("claude-code");
  }

  @Test
  void codexHeadersInOrder() {
    assertThat(derive(Map.of("session_id", "a", "session-id", "b", "conversation_id", "c"), "{}").id())
        .isEqualTo("a");
    assertThat(derive(Map.of("session-id", "b", "conversation_id", "c"), "{}").id()).isEqualTo("b");
    SessionKeys.SessionKey session = derive(Map.of("conversation_id", "c"), "{}");
    assertThat(session.id()).isEqualTo("c");
    assertThat(session.source()).isEqualTo("codex");
  }

  @Test
  void claudeCodeComesBeforeCodex() {
    assertThat(derive(Map.of("session-id", "codex"), "{\"metadata\":{\"user_id\":\"u\"}}").id())
        .isEqualTo("u");
  }

  @Test
  void aPreviousResponseGivesItsSession() {
    SessionKeys.SessionKey session = derive(Map.of(), "{\"previous_response_id\":\"resp_known\"}");

    assertThat(session.id()).isEqualTo("stored-session");
    assertThat(session.source()).isEqualTo("previous-response");
    assertThat(session.key()).isEqualTo(derive(Map.of("x-session-id", "stored-session"), "{}").key());
  }

  @Test
  void clientNativeIdsComeBeforeAPreviousResponse() {
    assertThat(derive(Map.of("session-id", "codex"), "{\"previous_response_id\":\"resp_known\"}").id())
        .isEqualTo("codex");
  }

  @Test
  void anUnknownPreviousResponseFallsThroughToTheFingerprint() {
    SessionKeys.SessionKey session = derive(Map.of(), "{\"previous_response_id\":\"resp_gone\"}");

    assertThat(session.source()).isEqualTo("fingerprint");
    assertThat(session.id()).isEqualTo(derive(Map.of(), "{}").id());
  }

  @Test
  void blankValuesAreIgnoredAndValuesAreTrimmed() {
    SessionKeys.SessionKey session = derive(Map.of("x-session-id", "   ", "x-claude-code-session-id", ""),
        "{\"session_id\":\" \",\"metadata\":{\"session_id\":\"  meta  \"}}");

    assertThat(session.id()).isEqualTo("meta");
    assertThat(derive(Map.of("x-session-id", " "), "{\"metadata\":{\"user_id\":\"  \"}}").source())
        .isEqualTo("fingerprint");
  }

  @Test
  void anIdOfTheLongestLengthIsKept() {
    String longest = "s".repeat(SessionKeys.MAX_ID_LENGTH);

    assertThat(derive(Map.of("x-session-id", longest), "{}").id()).isEqualTo(longest);
  }

  @Test
  void aLongerIdIsHashedStably() {
    String tooLong = "s".repeat(SessionKeys.MAX_ID_LENGTH + 1);

    String id = derive(Map.of("x-session-id", tooLong), "{}").id();

    assertThat(id).matches("hash-[0-9a-f]{24}");
    assertThat(derive(Map.of(), "{\"session_id\":\"" + tooLong + "\"}").id()).isEqualTo(id);
    assertThat(derive(Map.of("x-session-id", tooLong + "t"), "{}").id()).isNotEqualTo(id);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\\nb", "a\\tb", "a\\u0000b", "a\\u007fb", "caf\\u00e9"})
  void anIdThatIsNotPrintableAsciiIsHashed(String escaped) {
    String id = derive(Map.of(), "{\"session_id\":\"" + escaped + "\"}").id();

    assertThat(id).matches("hash-[0-9a-f]{24}");
  }

  @Test
  void theFingerprintSurvivesAReSentLongerHistory() {
    ChatRequest first = request("be brief", "hello");
    ChatRequest second = request("be brief", "hello", "Hi! How can I help?", "tell me a joke");

    String id = sessions.derive(name -> null, body("{}"), first, CREDENTIAL).id();

    assertThat(id).matches("fp-[0-9a-f]{24}");
    assertThat(sessions.derive(name -> null, body("{}"), second, CREDENTIAL).id()).isEqualTo(id);
  }

  @Test
  void theFingerprintLooksOnlyAtTheFirstUserMessage() {
    List<Message> messages = List.of(Message.text(Role.ASSISTANT, "Welcome"),
        Message.text(Role.USER, "hello"), Message.text(Role.ASSISTANT, "Hi"));
    ChatRequest greeted = request("be brief").withMessages(messages);

    assertThat(fingerprint(greeted, CREDENTIAL)).isEqualTo(fingerprint(HELLO, CREDENTIAL));
  }

  @Test
  void theFingerprintDiffersByCredentialSystemPromptAndFirstUserMessage() {
    String id = fingerprint(HELLO, CREDENTIAL);

    assertThat(fingerprint(HELLO, OTHER_CREDENTIAL)).isNotEqualTo(id);
    assertThat(fingerprint(HELLO, null)).isNotEqualTo(id);
    assertThat(fingerprint(request("be verbose", "hello"), CREDENTIAL)).isNotEqualTo(id);
    assertThat(fingerprint(request("be brief", "goodbye"), CREDENTIAL)).isNotEqualTo(id);
  }

  @Test
  void theFingerprintKeepsFieldsApart() {
    assertThat(fingerprint(request("ab", "c"), CREDENTIAL))
        .isNotEqualTo(fingerprint(request("a", "bc"), CREDENTIAL));
  }

  @Test
  void theFingerprintReadsTheSystemPromptsTextPartsJoinedByNewlines() {
    ChatRequest split = new ChatRequest("mock:echo", List.of(Part.Text.of("be"), Part.Text.of("brief")),
        HELLO.messages(), List.of(), null, null, Sampling.DEFAULTS, Reasoning.UNSET, null, false, false, null,
        Map.of(), Passthrough.NONE);

    assertThat(fingerprint(split, CREDENTIAL))
        .isEqualTo(fingerprint(request("be\nbrief", "hello"), CREDENTIAL));
  }

  @Test
  void theSameIdUnderTwoCredentialsIsTwoSessions() {
    Map<String, String> headers = Map.of("x-session-id", "shared");

    SessionKeys.SessionKey mine = derive(headers, "{}", CREDENTIAL);
    SessionKeys.SessionKey theirs = derive(headers, "{}", OTHER_CREDENTIAL);

    assertThat(mine.id()).isEqualTo("shared").isEqualTo(theirs.id());
    assertThat(mine.key()).matches("[0-9a-f]{12}/shared").isNotEqualTo(theirs.key());
    assertThat(derive(headers, "{}", CREDENTIAL).key()).isEqualTo(mine.key());
  }

  @Test
  void aClientWithoutCredentialIsAnonymous() {
    assertThat(derive(Map.of("x-session-id", "s"), "{}", null).key()).isEqualTo("anon/s");
    assertThat(derive(Map.of("x-session-id", "s"), "{}", " ").key()).isEqualTo("anon/s");
  }

  @Test
  void aPreviousResponseKeepsItsIdUnderTheCallersOwnKey() {
    String body = "{\"previous_response_id\":\"resp_known\"}";

    SessionKeys.SessionKey mine = derive(Map.of(), body, CREDENTIAL);
    SessionKeys.SessionKey theirs = derive(Map.of(), body, OTHER_CREDENTIAL);

    assertThat(theirs.id()).isEqualTo(mine.id());
    assertThat(theirs.key()).isNotEqualTo(mine.key());
  }

  @Test
  void theCredentialNeverAppearsInIdOrKey() {
    List<SessionKeys.SessionKey> keys = new ArrayList<>();
    keys.add(derive(Map.of("x-session-id", "h"), "{}"));
    keys.add(derive(Map.of(), "{\"session_id\":\"b\"}"));
    keys.add(derive(Map.of(), "{\"metadata\":{\"user_id\":\"user_a_account_b_session_c\"}}"));
    keys.add(derive(Map.of("session-id", "x"), "{}"));
    keys.add(derive(Map.of(), "{\"previous_response_id\":\"resp_known\"}"));
    keys.add(derive(Map.of(), "{}"));

    assertThat(keys).extracting(SessionKeys.SessionKey::source)
        .containsExactly("header", "body", "claude-code", "codex", "previous-response", "fingerprint");
    for (SessionKeys.SessionKey key : keys) {
      assertThat(key.id()).doesNotContain(CREDENTIAL).doesNotContain(CREDENTIAL.substring(3, 15));
      assertThat(key.key()).doesNotContain(CREDENTIAL).doesNotContain(CREDENTIAL.substring(3, 15));
    }
  }

  private SessionKeys.SessionKey derive(Map<String, String> headers, String body) {
    return derive(headers, body, CREDENTIAL);
  }

  private SessionKeys.SessionKey derive(Map<String, String> headers, String body, String credential) {
    Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    byName.putAll(headers);
    return sessions.derive(byName::get, body(body), HELLO, credential);
  }

  private String fingerprint(ChatRequest request, String credential) {
    SessionKeys.SessionKey session = sessions.derive(name -> null, body("{}"), request, credential);
    assertThat(session.source()).isEqualTo("fingerprint");
    return session.id();
  }

  private static JsonNode body(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A request with a system prompt and alternating user and assistant turns, the user first. */
  private static ChatRequest request(String system, String... turns) {
    List<Message> messages = new ArrayList<>();
    for (int i = 0; i < turns.length; i++) {
      messages.add(Message.text(i % 2 == 0 ? Role.USER : Role.ASSISTANT, turns[i]));
    }
    return new ChatRequest("mock:echo", List.of(Part.Text.of(system)), messages, List.of(), null, null,
        Sampling.DEFAULTS, Reasoning.UNSET, null, false, false, null, Map.of(), Passthrough.NONE);
  }
}
