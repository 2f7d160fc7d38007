package dev.lip.protocol;

/**
 * Response ids in each dialect's style. Canonical ids are neutral (the proxy's request id, or the
 * provider's own); each dialect shows them with its customary prefix ({@code chatcmpl-}, {@code resp_},
 * {@code msg_}) and only adds one that is missing.
 */
public final class Ids {
  private Ids() {
  }

  /** {@code id} as is when it starts with {@code prefix}, else {@code prefix + id}. */
  public static String withPrefix(String id, String prefix) {
    return id.startsWith(prefix) ? id : prefix + id;
  }
}
