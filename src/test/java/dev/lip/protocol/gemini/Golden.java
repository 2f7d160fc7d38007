package dev.lip.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lip.protocol.GoldenFiles;

/** Golden-file helpers of this dialect: its fixture folder. */
final class Golden extends GoldenFiles {
  private static final String DIR = "gemini";

  /** A fixture of this dialect. */
  static String read(String name) {
    return read(DIR, name);
  }

  static JsonNode json(String name) {
    return parse(read(name));
  }

  private Golden() {
  }
}
