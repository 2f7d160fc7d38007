package dev.lip.router.commands;

import dev.lip.model.Message;
import dev.lip.model.Part;
import dev.lip.model.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Applies the {@link CommandParser} to a conversation: takes the commands of the latest user message
 * (to run them) and strips command text from earlier user messages (never to run it again), so that no
 * command reaches a model. Immutable and thread-safe.
 *
 * <p>The latest user message is the last message, or the last before trailing system messages (Claude
 * Code appends one after the user's turn). The command text of a user message is its last non-blank text
 * part: what the user typed. Other parts (context clients add before it, such as Claude Code's
 * {@code <system-reminder>} or Gemini CLI's {@code <session_context>}, images, tool results) stay as they
 * are. A message whose typed text held nothing but commands is command-only, unless it also carries tool
 * results. In history, a command-only message loses its command text and the assistant message right
 * after it unless that one calls tools (it is the proxy's own reply, which clients send back); what else
 * it held joins the next user message.
 */
public final class ConversationCommands {
  private final CommandParser parser;

  public ConversationCommands(CommandParser parser) {
    this.parser = Objects.requireNonNull(parser, "parser");
  }

  /**
   * Finds the commands of the latest user message and strips command text from the conversation.
   *
   * @param messages        the conversation, oldest first
   * @param latestPrefix    the prefix used to find commands to run in the latest user message
   * @param historyPrefixes the prefixes whose commands are stripped, never run, from earlier user
   *                        messages
   * @return the conversation without command text ({@code messages} itself when nothing changed) and the
   *     commands to run
   */
  public Result process(List<Message> messages, String latestPrefix, Set<String> historyPrefixes) {
    int latestIndex = latestUserIndex(messages);
    List<Message> changed = null;
    List<Part> carried = null;
    List<CommandInvocation> commands = List.of();
    for (int i = 0; i < messages.size(); i++) {
      Message message = messages.get(i);
      boolean latest = i == latestIndex;
      Stripped stripped = latest ? strip(message, Set.of(latestPrefix), false)
          : message.role() == Role.USER ? strip(message, historyPrefixes, true) : Stripped.none(message);
      if (stripped.message() == message && carried == null) {
        if (changed != null) {
          changed.add(message);
        }
        continue;
      }
      if (changed == null) {
        changed = new ArrayList<>(messages.subList(0, i));
      }
      if (latest) {
        commands = stripped.commands();
        if (stripped.commandOnly()) {
          return new Result(List.copyOf(changed), commands, true);
        }
      }
      if (stripped.commandOnly()) {
        List<Part> rest = stripped.message().parts();
        if (!rest.isEmpty()) {
          carried = carried == null ? new ArrayList<>(rest) : concat(carried, rest);
        }
        if (i + 1 < messages.size() && i + 1 != latestIndex && isPlainReply(messages.get(i + 1))) {
          i++; // the proxy's reply to the command goes too
        }
      } else if (carried != null && message.role() != Role.USER) {
        changed.add(new Message(Role.USER, carried));
        changed.add(stripped.message());
        carried = null;
      } else {
        changed.add(carried == null ? stripped.message() : joined(carried, stripped.message()));
        carried = null;
      }
    }
    if (carried != null) {
      changed.add(new Message(Role.USER, carried));
    }
    return new Result(changed == null ? messages : List.copyOf(changed), commands, false);
  }

  /** The last user message, before any trailing system messages; -1 when the conversation ends otherwise. */
  private static int latestUserIndex(List<Message> messages) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      Role role = messages.get(i).role();
      if (role == Role.USER) {
        return i;
      }
      if (role != Role.SYSTEM) {
        return -1;
      }
    }
    return -1;
  }

  /**
   * A user message after stripping.
   *
   * @param message     the message without command text ({@code message} itself when it had none)
   * @param commands    the commands found, in order
   * @param commandOnly whether the typed text held nothing but commands (and no tool result came with it)
   */
  private record Stripped(Message message, List<CommandInvocation> commands, boolean commandOnly) {
    static Stripped none(Message message) {
      return new Stripped(message, List.of(), false);
    }
  }

  /**
   * Strips the commands of any of {@code prefixes} from the message's typed text.
   *
   * @param repeat whether to go on with the line above once the last line's commands are gone (history:
   *               everything the proxy ever ran goes) or stop (the latest message: only its last line runs)
   */
  private Stripped strip(Message message, Set<String> prefixes, boolean repeat) {
    int index = commandTextIndex(message);
    if (index < 0) {
      return Stripped.none(message);
    }
    String original = text(message, index);
    String text = original;
    List<CommandInvocation> found = new ArrayList<>(0);
    boolean more;
    do {
      more = false;
      for (String prefix : prefixes) {
        CommandParser.LineScan scan = parser.scan(text, prefix);
        if (scan.found()) {
          found.addAll(0, scan.commands());
          text = scan.remaining();
          more = repeat;
        }
      }
    } while (more);
    if (text == original) {
      return Stripped.none(message);
    }
    Message kept = withText(message, index, text);
    boolean commandOnly = text.isBlank() && kept.parts().stream().noneMatch(p -> p instanceof Part.ToolResult);
    return new Stripped(kept, found, commandOnly);
  }

  private static Message joined(List<Part> carried, Message message) {
    return new Message(message.role(), concat(carried, message.parts()), message.name());
  }

  private static List<Part> concat(List<Part> first, List<Part> second) {
    List<Part> parts = new ArrayList<>(first.size() + second.size());
    parts.addAll(first);
    parts.addAll(second);
    return parts;
  }

  /** The index of the last non-blank text part, or -1. */
  private static int commandTextIndex(Message message) {
    List<Part> parts = message.parts();
    for (int i = parts.size() - 1; i >= 0; i--) {
      if (parts.get(i) instanceof Part.Text t && !t.text().isBlank()) {
        return i;
      }
    }
    return -1;
  }

  private static String text(Message message, int index) {
    return ((Part.Text) message.parts().get(index)).text();
  }

  /** The message with text part {@code index} replaced by {@code text}, or dropped when that is blank. */
  private static Message withText(Message message, int index, String text) {
    List<Part> parts = new ArrayList<>(message.parts());
    if (text.isBlank()) {
      parts.remove(index);
    } else {
      parts.set(index, new Part.Text(text, parts.get(index).cacheControl()));
    }
    return new Message(message.role(), parts, message.name());
  }

  /** Whether the message is an assistant reply without tool calls. */
  private static boolean isPlainReply(Message message) {
    if (message.role() != Role.ASSISTANT) {
      return false;
    }
    for (Part part : message.parts()) {
      if (part instanceof Part.ToolCall) {
        return false;
      }
    }
    return true;
  }

  /**
   * What {@link #process} found.
   *
   * @param messages    the conversation without command text; a command-only latest message is gone too
   * @param commands    the commands of the latest user message, in order
   * @param commandOnly whether commands were found and the latest message held nothing else
   */
  public record Result(List<Message> messages, List<CommandInvocation> commands, boolean commandOnly) {
    public Result {
      Objects.requireNonNull(messages, "messages");
      commands = List.copyOf(commands);
    }
  }
}
