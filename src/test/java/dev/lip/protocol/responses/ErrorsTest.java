package dev.lip.protocol.responses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lip.model.ProxyError;
import dev.lip.protocol.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorsTest {
  private static final ResponsesDialect DIALECT = Golden.DIALECT;

  @ParameterizedTest(name = "{0}")
  @CsvSource(nullValues = "null", textBlock = """
      AUTHENTICATION,    authentication_error,  null
      PERMISSION,        permission_error,      null
      NOT_FOUND,         not_found_error,       model_not_found
      REQUEST_TOO_LARGE, invalid_request_error, request_too_large
      RATE_LIMITED,      rate_limit_error,      rate_limit_exceeded
      INTERNAL,          server_error,          null
      UPSTREAM,          api_error,             null
      UNAVAILABLE,       api_error,             null
      TIMEOUT,           timeout_error,         null
      CANCELLED,         api_error,             null
      """)
  void typeAndCodeFollowTheKind(ProxyError.Kind kind, String type, String code) {
    assertThat(DIALECT.errorBody(ProxyError.of(kind, "boom"))).isEqualTo(Golden.parse(
        "{\"error\":{\"message\":\"boom\",\"type\":\"" + type + "\",\"param\":null,\"code\":"
            + (code == null ? "null" : "\"" + code + "\"") + "}}"));
  }

  @Test
  void invalidRequestCarriesTheParam() {
    ProxyError error = new InvalidRequestException("Invalid type for 'input'.", "input").toProxyError();
    assertThat(DIALECT.errorBody(error)).isEqualTo(Golden.parse("{\"error\":{\"message\":\"Invalid type for "
        + "'input'.\",\"type\":\"invalid_request_error\",\"param\":\"input\",\"code\":null}}"));
  }

  @Test
  void errorMessageIsFoundWhereProvidersPutIt() {
    assertThat(DIALECT.errorMessage(Golden.parse("{\"error\":{\"message\":\"a\",\"type\":\"t\"}}"))).isEqualTo("a");
    assertThat(DIALECT.errorMessage(Golden.parse("{\"error\":\"b\"}"))).isEqualTo("b");
    assertThat(DIALECT.errorMessage(Golden.parse("{\"message\":\"c\"}"))).isEqualTo("c");
    assertThat(DIALECT.errorMessage(null)).isNull();
  }
}
