package dev.lip.protocol.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lip.model.ProxyError;
import dev.lip.protocol.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorsTest {
  private static final AnthropicDialect DIALECT = new AnthropicDialect();

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(textBlock = """
      INVALID_REQUEST,   400, invalid_request_error
      AUTHENTICATION,    401, authentication_error
      PERMISSION,        403, permission_error
      NOT_FOUND,         404, not_found_error
      REQUEST_TOO_LARGE, 413, request_too_large
      RATE_LIMITED,      429, rate_limit_error
      INTERNAL,          500, api_error
      UPSTREAM,          502, api_error
      UNAVAILABLE,       503, overloaded_error
      UNAVAILABLE,       529, overloaded_error
      UPSTREAM,          529, overloaded_error
      TIMEOUT,           504, api_error
      CANCELLED,         499, api_error
      """)
  void typeFollowsTheKindAndStatus529IsOverloaded(ProxyError.Kind kind, int status, String type) {
    assertThat(DIALECT.errorBody(new ProxyError(kind, status, "boom", false, null, null))).isEqualTo(Golden.parse(
        "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"boom\"}}"));
  }

  @Test
  void invalidRequestMessageNamesTheParam() {
    ProxyError error = new InvalidRequestException("Invalid type for 'messages[0].content'.", "messages[0].content")
        .toProxyError();
    assertThat(DIALECT.errorBody(error)).isEqualTo(Golden.parse("{\"type\":\"error\",\"error\":{\"type\":"
        + "\"invalid_request_error\",\"message\":\"Invalid type for 'messages[0].content'.\"}}"));
  }

  @Test
  void errorMessageIsFoundWhereProvidersPutIt() {
    assertThat(DIALECT.errorMessage(Golden.parse(
        "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"},"
            + "\"request_id\":\"req_1\"}"))).isEqualTo("Overloaded");
    assertThat(DIALECT.errorMessage(Golden.parse("{\"error\":\"b\"}"))).isEqualTo("b");
    assertThat(DIALECT.errorMessage(Golden.parse("{\"message\":\"c\"}"))).isEqualTo("c");
    assertThat(DIALECT.errorMessage(Golden.parse("{\"error\":{\"type\":\"x\"}}"))).isNull();
    assertThat(DIALECT.errorMessage(Golden.parse("[]"))).isNull();
    assertThat(DIALECT.errorMessage(null)).isNull();
  }
}
