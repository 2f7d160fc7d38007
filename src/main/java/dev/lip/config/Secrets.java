package dev.lip.config;

import java.util.Collection;

/** Keeps secrets out of anything a person or a log may read. */
public final class Secrets {
  private Secrets() {
  }

  /** A recognisable but useless form of {@code secret}: {@code sk-…abcd}. */
  public static String mask(String secret) {
    if (secret == null || secret.length() < 12) {
      return "…";
    }
    int dash = secret.indexOf('-');
    String prefix = dash > 0 && dash <= 4 ? secret.substring(0, dash + 1) : "";
    return prefix + "…" + secret.substring(secret.length() - 4);
  }

  /** {@code text} with every occurrence of each secret replaced by its masked form. */
  public static String redact(String text, Collection<String> secrets) {
    if (text == null) {
      return null;
    }
    String result = text;
    for (String secret : secrets) {
      if (secret != null && secret.length() >= 4 && result.contains(secret)) {
        result = result.replace(secret, mask(secret));
      }
    }
    return result;
  }
}
