package dev.lip.protocol;

import dev.lip.model.ProxyError;

/** A client request that a dialect cannot accept; its message names the offending field. */
public final class InvalidRequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String param;

  /**
   * @param param the JSON path of the offending field (e.g. {@code messages[2].role}), or {@code null}
   */
  public InvalidRequestException(String message, String param) {
    super(message, null, false, false);
    this.param = param;
  }

  /** The offending field, or {@code null}. */
  public String param() {
    return param;
  }

  /** This failure as a 400 {@link ProxyError}. */
  public ProxyError toProxyError() {
    return new ProxyError(ProxyError.Kind.INVALID_REQUEST, 400, getMessage(), false, null, null, param);
  }
}
