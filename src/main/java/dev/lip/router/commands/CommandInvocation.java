package dev.lip.router.commands;

import java.util.Objects;

/**
 * A command found in a message.
 *
 * @param name      the command name, lower-cased (e.g. {@code backend})
 * @param arguments the arguments inside its parentheses, {@link Arguments#NONE} without parentheses
 * @param text      the command exactly as typed, prefix included (e.g. {@code !/Backend(openai)})
 */
public record CommandInvocation(String name, Arguments arguments, String text) {
  public CommandInvocation {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(arguments, "arguments");
    Objects.requireNonNull(text, "text");
  }
}
