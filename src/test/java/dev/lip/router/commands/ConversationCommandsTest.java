package dev.lip.router.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lip.model.CacheControl;
import dev.lip.model.Message;
import dev.lip.model.Part;
import dev.lip.model.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConversationCommandsTest {
  private static final ConversationCommands COMMANDS =
      new ConversationCommands(new CommandParser(Set.of("backend", "max", "low", "session")));
  private static final Set<String> HISTORY = Set.of("!/");
  private static final Part.Image IMAGE = new Part.Image("https://example.com/cat.png", null, null, null, null);

  private static Message user(String text) {
    return Message.text(Role.USER, text);
  }

  private static Message assistant(String text) {
    return Message.text(Role.ASSISTANT, text);
  }

  private static Message user(Part... parts) {
    return new Message(Role.USER, List.of(parts));
  }

  private static Part.Text text(String text) {
    return Part.Text.of(text);
  }

  private static ConversationCommands.Result process(List<Message> messages) {
    return COMMANDS.process(messages, "!/", HISTORY);
  }

  private static List<String> names(ConversationCommands.Result result) {
    return result.commands().stream().map(CommandInvocation::name).toList();
  }

  @Test
  void theLatestUserMessageRunsItsCommandsAndKeepsItsText() {
    ConversationCommands.Result result = process(List.of(user("hi"), assistant("hello"), user("why? !/max")));

    assertThat(names(result)).containsExactly("max");
    assertThat(result.commandOnly()).isFalse();
    assertThat(result.messages()).containsExactly(user("hi"), assistant("hello"), user("why?"));
  }

  @Test
  void aCommandOnlyLatestMessageIsRemoved() {
    ConversationCommands.Result result = process(List.of(user("hi"), assistant("hello"), user("!/backend(a) !/max")));

    assertThat(names(result)).containsExactly("backend", "max");
    assertThat(result.commandOnly()).isTrue();
    assertThat(result.messages()).containsExactly(user("hi"), assistant("hello"));
  }

  @Test
  void onlyTheLatestMessageRuns() {
    ConversationCommands.Result result = process(List.of(user("earlier !/low"), assistant("ok"), user("now")));

    assertThat(result.commands()).isEmpty();
    assertThat(result.messages()).containsExactly(user("earlier"), assistant("ok"), user("now"));
  }

  @Test
  void nothingRunsWhenTheLastMessageIsNotFromTheUser() {
    ConversationCommands.Result afterAssistant = process(List.of(user("hi !/max"), assistant("thinking hard")));
    assertThat(afterAssistant.commands()).isEmpty();
    assertThat(afterAssistant.commandOnly()).isFalse();
    assertThat(afterAssistant.messages()).containsExactly(user("hi"), assistant("thinking hard"));

    Message call = new Message(Role.ASSISTANT, List.of(new Part.ToolCall("c1", "f", "{}", null)));
    Message toolResult =
        new Message(Role.TOOL, List.of(new Part.ToolResult("c1", List.of(text("!/max")), false, null)));
    List<Message> toolTurn = List.of(user("weather?"), call, toolResult);
    ConversationCommands.Result afterTool = process(toolTurn);
    assertThat(afterTool.commands()).isEmpty();
    assertThat(afterTool.messages()).isSameAs(toolTurn);
  }

  @Test
  void anImageAfterTheTextIsKept() {
    Message latest = user(text("what is this? !/max"), IMAGE);

    ConversationCommands.Result result = process(List.of(latest));

    assertThat(names(result)).containsExactly("max");
    assertThat(result.messages()).containsExactly(user(text("what is this?"), IMAGE));
  }

  @Test
  void typedTextOfOnlyCommandsIsCommandOnlyWhateverContextTheClientAddedBeforeIt() {
    Message claudeCode = user(text("<system-reminder>today is Tuesday</system-reminder>"), text("!/backend(mock)"));

    ConversationCommands.Result result = process(List.of(claudeCode));

    assertThat(names(result)).containsExactly("backend");
    assertThat(result.commandOnly()).isTrue();
    assertThat(process(List.of(user(IMAGE, text("!/max")))).commandOnly()).isTrue();
  }

  @Test
  void aSystemMessageAfterTheUsersTurnDoesNotHideIt() {
    Message trailingSystem = new Message(Role.SYSTEM, List.of(text("Available agent types: …")));

    ConversationCommands.Result result = process(List.of(user("!/backend(mock)"), trailingSystem));

    assertThat(names(result)).containsExactly("backend");
    assertThat(result.commandOnly()).isTrue();
    ConversationCommands.Result mixed = process(List.of(user("say hi\n!/max"), trailingSystem));
    assertThat(mixed.messages()).containsExactly(user("say hi"), trailingSystem);
  }

  @Test
  void onlyTheLastLineOfTheLatestMessageRuns() {
    ConversationCommands.Result result = process(List.of(user("!/backend(x)\n!/max")));

    assertThat(names(result)).containsExactly("max");
    assertThat(result.commandOnly()).isFalse();
    assertThat(result.messages()).containsExactly(user("!/backend(x)"));
  }

  @Test
  void aHistoryCommandOnlyMessageHandsItsContextToTheNextUserMessageAndItsReplyGoes() {
    Part.Text context = text("<session_context>workspace</session_context>");
    List<Message> history = List.of(
        user(context, text("!/backend(mock)")),
        assistant("Backend set to mock"),
        user("what is in here?"));

    ConversationCommands.Result result = process(history);

    assertThat(result.commands()).isEmpty();
    assertThat(result.messages()).containsExactly(user(context, text("what is in here?")));
  }

  @Test
  void onlyTheLastNonBlankTextPartIsScannedAndItsCacheMarkerIsKept() {
    Message latest = user(
        text("first !/low"), new Part.Text("second !/max", CacheControl.EPHEMERAL), text("  \n"), IMAGE);

    ConversationCommands.Result result = process(List.of(latest));

    assertThat(names(result)).containsExactly("max");
    assertThat(result.messages()).containsExactly(user(
        text("first !/low"), new Part.Text("second", CacheControl.EPHEMERAL), text("  \n"), IMAGE));
  }

  @Test
  void aToolResultBesideACommandTextIsKept() {
    Part.ToolResult toolResult = new Part.ToolResult("c1", List.of(text("21°C")), false, null);
    Message call = new Message(Role.ASSISTANT, List.of(new Part.ToolCall("c1", "weather", "{}", null)));

    ConversationCommands.Result result =
        process(List.of(user("weather?"), call, user(toolResult, text("!/session"))));

    assertThat(names(result)).containsExactly("session");
    assertThat(result.commandOnly()).isFalse();
    assertThat(result.messages()).containsExactly(user("weather?"), call, user(toolResult));
  }

  @Test
  void aCommandOnlyHistoryMessageGoesWithTheProxysReply() {
    List<Message> messages = List.of(
        user("hi"), assistant("hello"), user("!/backend(a)"), assistant("Backend set to a."), user("go on"));

    ConversationCommands.Result result = process(messages);

    assertThat(result.commands()).isEmpty();
    assertThat(result.messages()).containsExactly(user("hi"), assistant("hello"), user("go on"));
  }

  @Test
  void aHistoryMessageWithTextKeepsItsTextAndTheReply() {
    List<Message> messages = List.of(user("explain X !/max"), assistant("X is…"), user("thanks"));

    ConversationCommands.Result result = process(messages);

    assertThat(result.messages()).containsExactly(user("explain X"), assistant("X is…"), user("thanks"));
  }

  @Test
  void anAssistantToolCallAfterACommandOnlyMessageIsKept() {
    Message call = new Message(Role.ASSISTANT, List.of(text("let me check"), new Part.ToolCall("c1", "f", "{}", null)));
    Message toolResult = new Message(Role.TOOL, List.of(new Part.ToolResult("c1", List.of(text("ok")), false, null)));

    ConversationCommands.Result result = process(List.of(user("!/max"), call, toolResult));

    assertThat(result.messages()).containsExactly(call, toolResult);
  }

  @Test
  void historyIsStrippedWithEveryPrefixUntilNothingIsLeft() {
    List<Message> messages = List.of(
        user("question ##low !/max"), assistant("answer"),
        user("##backend(a)\n!/max"), assistant("done"),
        user("now ##max"));

    ConversationCommands.Result result = COMMANDS.process(messages, "##", Set.of("!/", "##"));

    assertThat(names(result)).containsExactly("max");
    assertThat(result.messages()).containsExactly(user("question"), assistant("answer"), user("now"));
  }

  @Test
  void historyUsesOnlyTheHistoryPrefixes() {
    List<Message> messages = List.of(user("keep ##max"), assistant("a"), user("q"));

    assertThat(process(messages).messages()).isSameAs(messages);
  }

  @Test
  void messageNamesAreKept() {
    Message named = new Message(Role.USER, List.of(text("hi !/max")), "alice");

    ConversationCommands.Result result = process(List.of(named, assistant("a"), named));

    assertThat(result.messages()).extracting(Message::name).containsExactly("alice", null, "alice");
  }

  @Test
  void theSameListIsReturnedWhenThereIsNoCommand() {
    List<Message> messages = new ArrayList<>(List.of(
        user("hi"), assistant("hello"), user(text("look"), IMAGE), user("a !/unknown command !/max here")));

    ConversationCommands.Result result = process(messages);

    assertThat(result.messages()).isSameAs(messages);
    assertThat(result.commands()).isEmpty();
    assertThat(result.commandOnly()).isFalse();
    assertThat(process(List.of()).messages()).isEmpty();
  }

  @Test
  void aChangedConversationIsImmutable() {
    ConversationCommands.Result result = process(new ArrayList<>(List.of(user("hi !/max"))));

    assertThat(result.messages()).isUnmodifiable();
  }
}
