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
 * <p>The command text of a user message is its last non-blank text part; other parts (images, tool
 * results) stay as they are. An earlier user message that held nothing but commands goes, together with
 * the assistant message right after it unless that one calls tools: it is the proxy's own reply, which
 * clients send back as history.
 */
public final class ConversationCommands {
  private final CommandParser parser;

  public ConversationCommands(CommandParser parser) {
    this.parser = Objects.requireNonNull(parser, "parser");
  }

  /**
   * Finds the commands of the latest user message and strips command text from the conversation.
   *
   * @param messages        the conversation, oldest first; the latest user message is the last message,
   *                        and only when its role is {@link Role#USER}
   * @param latestPrefix    the prefix used to find commands to run in the latest user message
   * @param historyPrefixes the prefixes whose commands are stripped, never run, from earlier user
   *                        messages
   * @return the conversation without command text ({@code messages} itself when nothing changed) and the
   *     commands to run
   */
  public Result process(List<Message> messages, String latestPrefix, Set<String> historyPrefixes) {
    int count = messages.size();
    boolean latestIsUser = count > 0 && messages.get(count - 1).role() == Role.USER;
    int historyEnd = latestIsUser ? count - 1 : count;
    List<Message> changed = null;
    for (int i = 0; i < historyEnd; i++) {
      Message message = messages.get(i);
      Message kept = message.role() == Role.USER ? stripHistory(message, historyPrefixes) : message;
      if (kept == message) {
        if (changed != null) {
          changed.add(message);
        }
        continue;
      }
      if (changed == null) {
        changed = new ArrayList<>(messages.subList(0, i));
      }
      if (!kept.parts().isEmpty()) {
        changed.add(kept);
      } else if (i + 1 < historyEnd && isPlainReply(messages.get(i + 1))) {
        i++; // the proxy's reply to the command goes too
      }
    }
    List<CommandInvocation> commands = List.of();
    boolean commandOnly = false;
    if (latestIsUser) {
      Message latest = messages.get(count - 1);
      int index = commandTextIndex(latest);
      CommandParser.LineScan scan = index < 0 ? null : parser.scan(text(latest, index), latestPrefix);
      if (scan != null && scan.found()) {
        commands = scan.commands();
        Message kept = withText(latest, index, scan.remaining());
        commandOnly = kept.parts().isEmpty();
        if (changed == null) {
          changed = new ArrayList<>(messages.subList(0, count - 1));
        }
        if (!commandOnly) {
          changed.add(kept);
        }
      } else if (changed != null) {
        changed.add(latest);
      }
    }
    return new Result(changed == null ? messages : List.copyOf(changed), commands, commandOnly);
  }

  /** The message without the commands of any of the prefixes, or {@code message} itself when it had none. */
  private Message stripHistory(Message message, Set<String> prefixes) {
    int index = commandTextIndex(message);
    if (index < 0) {
      return message;
    }
    String original = text(message, index);
    String text = original;
    boolean found;
    do {
      found = false;
      for (String prefix : prefixes) {
        CommandParser.LineScan scan = parser.scan(text, prefix);
        if (scan.found()) {
          text = scan.remaining();
          found = true;
        }
      }
    } while (found);
    return text == original ? message : withText(message, index, text);
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
