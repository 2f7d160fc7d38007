package dev.lip.protocol.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lip.model.ProxyError;
import dev.lip.protocol.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorsTest {
  private static final GeminiDialect DIALECT = new GeminiDialect();

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(textBlock = """
      INVALID_REQUEST,   400, INVALID_ARGUMENT
      AUTHENTICATION,    401, UNAUTHENTICATED
      PERMISSION,        403, PERMISSION_DENIED
      NOT_FOUND,         404, NOT_FOUND
      REQUEST_TOO_LARGE, 413, INVALID_ARGUMENT
      RATE_LIMITED,      429, RESOURCE_EXHAUSTED
      INTERNAL,          500, INTERNAL
      UPSTREAM,          502, UNAVAILABLE
      UNAVAILABLE,       503, UNAVAILABLE
      TIMEOUT,           504, DEADLINE_EXCEEDED
      CANCELLED,         499, CANCELLED
      UPSTREAM,          529, UNAVAILABLE
      PERMISSION,        402, FAILED_PRECONDITION
      UPSTREAM,          501, UNIMPLEMENTED
      INTERNAL,          507, INTERNAL
      """)
  void statusFollowsTheHttpStatus(ProxyError.Kind kind, int httpStatus, String status) {
    ProxyError error = new ProxyError(kind, httpStatus, "boom", false, null, null);
    assertThat(DIALECT.errorBody(error)).isEqualTo(Golden.parse(
        "{\"error\":{\"code\":" + httpStatus + ",\"message\":\"boom\",\"status\":\"" + status + "\"}}"));
  }

  @Test
  void invalidRequestNamesTheFieldInABadRequestDetail() {
    ProxyError error = new InvalidRequestException("Invalid type for 'contents'.", "contents").toProxyError();
    assertThat(DIALECT.errorBody(error)).isEqualTo(Golden.parse("{\"error\":{\"code\":400,"
        + "\"message\":\"Invalid type for 'contents'.\",\"status\":\"INVALID_ARGUMENT\",\"details\":[{"
        + "\"@type\":\"type.googleapis.com/google.rpc.BadRequest\",\"fieldViolations\":[{\"field\":\"contents\","
        + "\"description\":\"Invalid type for 'contents'.\"}]}]}}"));
  }

  @Test
  void errorMessageIsFoundWhereProvidersPutIt() {
    assertThat(DIALECT.errorMessage(Golden.parse("{\"error\":{\"code\":400,\"message\":\"a\",\"status\":\"X\"}}")))
        .isEqualTo("a");
    assertThat(DIALECT.errorMessage(Golden.parse("[{\"error\":{\"code\":429,\"message\":\"b\"}}]"))).isEqualTo("b");
    assertThat(DIALECT.errorMessage(Golden.parse("{\"error\":\"c\"}"))).isEqualTo("c");
    assertThat(DIALECT.errorMessage(Golden.parse("{\"message\":\"d\"}"))).isEqualTo("d");
    assertThat(DIALECT.errorMessage(Golden.parse("{\"error\":{\"code\":1}}"))).isNull();
    assertThat(DIALECT.errorMessage(Golden.parse("[]"))).isNull();
    assertThat(DIALECT.errorMessage(Golden.parse("\"x\""))).isNull();
    assertThat(DIALECT.errorMessage(null)).isNull();
  }
}
