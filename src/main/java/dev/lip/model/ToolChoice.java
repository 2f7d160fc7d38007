package dev.lip.model;

import java.util.Objects;

/**
 * Whether and which tool the model must call.
 *
 * @param name the tool to call when {@code mode} is {@link Mode#TOOL}, else {@code null}
 */
public record ToolChoice(Mode mode, String name) {

  /** The tool-choice modes common to all dialects. */
  public enum Mode {
    AUTO, NONE, REQUIRED, TOOL
  }

  public static final ToolChoice AUTO = new ToolChoice(Mode.AUTO, null);
  public static final ToolChoice NONE = new ToolChoice(Mode.NONE, null);
  public static final ToolChoice REQUIRED = new ToolChoice(Mode.REQUIRED, null);

  public ToolChoice {
    Objects.requireNonNull(mode, "mode");
    if ((mode == Mode.TOOL) != (name != null)) {
      throw new IllegalArgumentException("a tool name goes with mode TOOL only");
    }
  }

  public static ToolChoice tool(String name) {
    return new ToolChoice(Mode.TOOL, name);
  }
}
