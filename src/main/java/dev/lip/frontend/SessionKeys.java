package dev.lip.frontend;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.lip.model.ChatRequest;
import dev.lip.model.Message;
import dev.lip.model.Part;
import dev.lip.model.Role;
import dev.lip.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Derives the session of a chat request (SPEC §4), first match wins: the {@code x-session-id} header; a
 * {@code session_id} in the body; Claude Code's session; Codex's session headers; the session of the
 * Responses answer named in {@code previous_response_id}; otherwise a fingerprint of the conversation's
 * start, so that a client re-sending its history keeps its session. Client-sent ids are trimmed; blank
 * ones are ignored; ids longer than {@value #MAX_ID_LENGTH} characters or holding anything but printable
 * ASCII (they are echoed in a header and logged) are replaced by a hash of themselves.
 */
final class SessionKeys {
  /** The longest client-sent id used as is. */
  static final int MAX_ID_LENGTH = 200;
  private static final int OWNER_HEX = 12;
  private static final int HASH_HEX = 24;
  private static final String ANONYMOUS = "anon";
  /** Claude Code's older {@code metadata.user_id}: {@code user_<hex>_account_<uuid>_session_<uuid>}. */
  private static final Pattern LEGACY_USER_ID =
      Pattern.compile("user_[0-9a-fA-F]+_account_[^_]*_session_(\\S+)");
  private static final HexFormat HEX = HexFormat.of();

  /** Credentials seen recently, by the owner part of their keys: a client sends the same one each time. */
  private static final int OWNER_CACHE_SIZE = 10_000;
  /** Cloned for each hash: looking the algorithm up among the security providers costs more than hashing. */
  private static final MessageDigest SHA_256 = lookUpSha256();

  private final Function<String, Optional<String>> previousSessions;
  private final Cache<String, String> owners = Caffeine.newBuilder()
      .maximumSize(OWNER_CACHE_SIZE)
      .executor(Runnable::run)
      .build();

  /**
   * @param previousSessions the session id of a stored Responses answer, by response id
   */
  SessionKeys(Function<String, Optional<String>> previousSessions) {
    this.previousSessions = previousSessions;
  }

  /**
   * A request's session.
   *
   * @param id     the effective session id, echoed to the client in {@code x-session-id}
   * @param key    the id namespaced by the client's credential ({@code <owner>/<id>}), under which the
   *               session is kept, so that clients with different credentials never share a session
   * @param source the rule that gave the id ({@code header}, {@code body}, {@code claude-code},
   *               {@code codex}, {@code previous-response} or {@code fingerprint}), for logs
   */
  record SessionKey(String id, String key, String source) {
  }

  /**
   * The session of a request.
   *
   * @param headers    the request's headers, by (case-insensitive) name; {@code null} when absent
   * @param body       the request body as the client sent it
   * @param request    the decoded request, as the door completed it
   * @param credential the key the client presented, or {@code null}
   */
  SessionKey derive(Function<String, String> headers, JsonNode body, ChatRequest request, String credential) {
    String owner = credential == null || credential.isBlank() ? ANONYMOUS
        : owners.get(credential, c -> sha256Hex(c, OWNER_HEX));
    String id = usable(headers.apply("x-session-id"));
    if (id != null) {
      return key(owner, id, "header");
    }
    id = firstUsable(Json.text(body, "session_id"), Json.text(body.path("extra_body"), "session_id"),
        Json.text(body.path("metadata"), "session_id"));
    if (id != null) {
      return key(owner, id, "body");
    }
    id = firstUsable(headers.apply("x-claude-code-session-id"),
        claudeCodeSession(Json.text(body.path("metadata"), "user_id")));
    if (id != null) {
      return key(owner, id, "claude-code");
    }
    id = firstUsable(headers.apply("session_id"), headers.apply("session-id"),
        headers.apply("conversation_id"));
    if (id != null) {
      return key(owner, id, "codex");
    }
    String previous = Json.text(body, "previous_response_id");
    Optional<String> resumed = previous == null ? Optional.empty() : previousSessions.apply(previous);
    if (resumed.isPresent()) {
      return key(owner, resumed.get(), "previous-response");
    }
    return key(owner, fingerprint(credential, request), "fingerprint");
  }

  private static SessionKey key(String owner, String id, String source) {
    return new SessionKey(id, owner + "/" + id, source);
  }

  /**
   * The session in Claude Code's {@code metadata.user_id}: the {@code session_id} of a JSON string, or what
   * follows {@code _session_} in the legacy {@code user_<hex>_account_<uuid>_session_<uuid>}; any other
   * value whole.
   */
  private static String claudeCodeSession(String userId) {
    if (userId == null || userId.isBlank()) {
      return null;
    }
    String trimmed = userId.trim();
    if (trimmed.startsWith("{")) {
      JsonNode parsed = Json.parseOrNull(trimmed);
      String session = parsed == null ? null : usable(Json.text(parsed, "session_id"));
      return session != null ? session : trimmed;
    }
    Matcher legacy = LEGACY_USER_ID.matcher(trimmed);
    return legacy.matches() ? legacy.group(1) : trimmed;
  }

  private static String firstUsable(String... candidates) {
    for (String candidate : candidates) {
      String id = usable(candidate);
      if (id != null) {
        return id;
      }
    }
    return null;
  }

  /** A client-sent id made safe to use, or {@code null} when blank. */
  private static String usable(String candidate) {
    if (candidate == null || candidate.isBlank()) {
      return null;
    }
    String id = candidate.trim();
    return id.length() <= MAX_ID_LENGTH && printableAscii(id) ? id : "hash-" + sha256Hex(id, HASH_HEX);
  }

  private static boolean printableAscii(String id) {
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c < ' ' || c > '~') {
        return false;
      }
    }
    return true;
  }

  /** {@code fp-} and a hash of the credential, the system prompt and the first user message. */
  private static String fingerprint(String credential, ChatRequest request) {
    MessageDigest digest = sha256();
    digest.update(utf8(credential == null ? "" : credential));
    digest.update((byte) 0);
    digest.update(utf8(systemText(request)));
    digest.update((byte) 0);
    for (Message message : request.messages()) {
      if (message.role() == Role.USER) {
        digest.update(utf8(message.text()));
        break;
      }
    }
    return "fp-" + HEX.formatHex(digest.digest()).substring(0, HASH_HEX);
  }

  private static String systemText(ChatRequest request) {
    StringBuilder sb = new StringBuilder();
    for (Part part : request.system()) {
      if (part instanceof Part.Text text) {
        if (!sb.isEmpty()) {
          sb.append('\n');
        }
        sb.append(text.text());
      }
    }
    return sb.toString();
  }

  private static String sha256Hex(String value, int hexDigits) {
    return HEX.formatHex(sha256().digest(utf8(value))).substring(0, hexDigits);
  }

  private static MessageDigest sha256() {
    try {
      return (MessageDigest) SHA_256.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the JDK's SHA-256 can be cloned", e);
    }
  }

  private static MessageDigest lookUpSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
