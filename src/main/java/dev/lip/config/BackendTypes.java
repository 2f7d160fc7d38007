package dev.lip.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The backend types the configuration accepts, with their default base URLs. Add new types here. */
public final class BackendTypes {
  private static final Map<String, String> DEFAULT_BASE_URLS = new LinkedHashMap<>();

  static {
    DEFAULT_BASE_URLS.put("openai", "https://api.openai.com/v1");
    DEFAULT_BASE_URLS.put("openai-responses", "https://api.openai.com/v1");
    DEFAULT_BASE_URLS.put("anthropic", "https://api.anthropic.com/v1");
    DEFAULT_BASE_URLS.put("gemini", "https://generativelanguage.googleapis.com");
    DEFAULT_BASE_URLS.put("mock", "mock://local");
  }

  /** Every known type, in documentation order. */
  public static final List<String> KNOWN = List.copyOf(DEFAULT_BASE_URLS.keySet());

  private BackendTypes() {
  }

  /** The base URL used when a backend of {@code type} sets none. */
  public static String defaultBaseUrl(String type) {
    String url = DEFAULT_BASE_URLS.get(type);
    if (url == null) {
      throw new IllegalArgumentException("unknown backend type '" + type + "'");
    }
    return url;
  }
}
