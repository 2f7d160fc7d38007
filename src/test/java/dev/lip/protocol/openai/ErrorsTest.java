package dev.lip.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lip.model.ProxyError;
import dev.lip.protocol.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorsTest {
  private static final OpenAiChatDialect DIALECT = new OpenAiChatDialect();

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
    ProxyError error = new InvalidRequestException("Invalid type for 'n'.", "n").toProxyError();
    assertThat(DIALECT.errorBody(error)).isEqualTo(Golden.parse(
        "{\"error\":{\"message\":\"Invalid type for 'n'.\",\"type\":\"invalid_request_error\",\"param\":\"n\","
            + "\"code\":null}}"));
  }

  @Test
  void providerDetailBecomesTheCodeOfOtherKinds() {
    ProxyError error = new ProxyError(ProxyError.Kind.UPSTREAM, 502, "bad", true, null, "server_error");
    assertThat(DIALECT.errorBody(error).at("/error/code").textValue()).isEqualTo("server_error");
    assertThat(DIALECT.errorBody(error).at("/error/param").isNull()).isTrue();
  }

  @Test
  void anUpstreamInvalidRequestCarriesTheProvidersCodeAndNoParam() {
    ProxyError error = new ProxyError(ProxyError.Kind.INVALID_REQUEST, 400, "upstream returned 400: too long",
        false, null, "context_length_exceeded");
    assertThat(DIALECT.errorBody(error)).isEqualTo(Golden.parse(
        "{\"error\":{\"message\":\"upstream returned 400: too long\",\"type\":\"invalid_request_error\","
            + "\"param\":null,\"code\":\"context_length_exceeded\"}}"));
  }

  @Test
  void aUsedUpQuotaKeepsItsCodeAndOtherRateLimitsGetTheGenericOne() {
    ProxyError quota = new ProxyError(ProxyError.Kind.RATE_LIMITED, 429, "q", true, null, "insufficient_quota");
    ProxyError limit = new ProxyError(ProxyError.Kind.RATE_LIMITED, 429, "l", true, 2L, "rate_limit_error");
    assertThat(DIALECT.errorBody(quota).at("/error/code").textValue()).isEqualTo("insufficient_quota");
    assertThat(DIALECT.errorBody(limit).at("/error/code").textValue()).isEqualTo("rate_limit_exceeded");
  }

  @Test
  void errorCodeIsFoundWhereEachProviderPutsIt() {
    assertThat(DIALECT.errorCode(Golden.parse(
        "{\"error\":{\"message\":\"m\",\"type\":\"invalid_request_error\",\"code\":\"context_length_exceeded\"}}")))
        .isEqualTo("context_length_exceeded");
    assertThat(DIALECT.errorCode(Golden.parse("{\"error\":{\"message\":\"m\",\"type\":\"insufficient_quota\",\"code\":null}}")))
        .isEqualTo("insufficient_quota");
    assertThat(DIALECT.errorCode(Golden.parse(
        "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}")))
        .isEqualTo("overloaded_error");
    assertThat(DIALECT.errorCode(Golden.parse(
        "[{\"error\":{\"code\":400,\"message\":\"m\",\"status\":\"INVALID_ARGUMENT\"}}]")))
        .isEqualTo("INVALID_ARGUMENT");
    assertThat(DIALECT.errorCode(Golden.parse("{\"error\":\"b\"}"))).isNull();
    assertThat(DIALECT.errorCode(Golden.parse("{\"message\":\"c\"}"))).isNull();
    assertThat(DIALECT.errorCode(Golden.parse("[]"))).isNull();
    assertThat(DIALECT.errorCode(null)).isNull();
  }

  @Test
  void errorMessageIsFoundWhereProvidersPutIt() {
    assertThat(DIALECT.errorMessage(Golden.parse("{\"error\":{\"message\":\"a\",\"type\":\"t\"}}"))).isEqualTo("a");
    assertThat(DIALECT.errorMessage(Golden.parse("{\"error\":\"b\"}"))).isEqualTo("b");
    assertThat(DIALECT.errorMessage(Golden.parse("{\"message\":\"c\"}"))).isEqualTo("c");
    assertThat(DIALECT.errorMessage(Golden.parse("{\"error\":{\"code\":1}}"))).isNull();
    assertThat(DIALECT.errorMessage(Golden.parse("[]"))).isNull();
    assertThat(DIALECT.errorMessage(null)).isNull();
  }
}
