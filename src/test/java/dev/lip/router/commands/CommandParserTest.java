package dev.lip.router.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandParserTest {
  private static final CommandParser PARSER = new CommandParser(Set.of(
      "backend", "model", "max", "low", "no-think", "set", "route", "help", "create-failover-route", "cmd"));

  private static CommandParser.LineScan scan(String text) {
    return PARSER.scan(text, "!/");
  }

  private static List<String> names(CommandParser.LineScan scan) {
    return scan.commands().stream().map(CommandInvocation::name).toList();
  }

  private static Arguments arguments(String command) {
    CommandParser.LineScan scan = scan(command);
    assertThat(scan.commands()).as(command).hasSize(1);
    return scan.commands().get(0).arguments();
  }

  private static void assertNoCommand(String text) {
    CommandParser.LineScan scan = scan(text);
    assertThat(scan.found()).as(text).isFalse();
    assertThat(scan.remaining()).as(text).isSameAs(text);
  }

  @Test
  void aCommandEndingTheLastLineIsFoundAndRemovedWithTheWhitespaceBeforeIt() {
    CommandParser.LineScan scan = scan("explain this  !/backend(openai)");

    assertThat(scan.found()).isTrue();
    assertThat(scan.remaining()).isEqualTo("explain this");
    assertThat(scan.commands()).containsExactly(new CommandInvocation("backend",
        new Arguments(List.of("openai"), Map.of(), "openai", true), "!/backend(openai)"));
  }

  @Test
  void aCommandAloneIsFoundAndLeavesNothing() {
    CommandParser.LineScan scan = scan("!/max");

    assertThat(names(scan)).containsExactly("max");
    assertThat(scan.commands().get(0).arguments()).isSameAs(Arguments.NONE);
    assertThat(scan.remaining()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "use !/backend(x) please",
      "!/backend(x) first, then the question",
      "!/max\nwhat is the answer?",
      "quoted !/max here\n\n  \n",
      "no command at all",
      "",
      "   \n\t",
      "!/"
  })
  void commandsThatDoNotEndTheLastNonBlankLineAreIgnored(String text) {
    assertNoCommand(text);
  }

  @Test
  void trailingBlankLinesAreSkippedAndKept() {
    CommandParser.LineScan scan = scan("question !/max\n\n   \n");

    assertThat(names(scan)).containsExactly("max");
    assertThat(scan.remaining()).isEqualTo("question\n\n   \n");
  }

  @Test
  void anUnknownNameIsNotACommand() {
    assertNoCommand("explain !/unknown");
    assertNoCommand("explain !/unknown(x)");
  }

  @Test
  void theNameIsTheLongestRunOfNameCharacters() {
    assertNoCommand("text !/maxfoo");
    assertNoCommand("text !/max.");
    assertNoCommand("text !/max!");
    assertNoCommand("text !/backend(x)y");
    assertNoCommand("text !/1max");
    assertThat(names(scan("text !/no-think"))).containsExactly("no-think");
  }

  @Test
  void namesMatchCaseInsensitivelyAndTheTextIsKeptAsTyped() {
    CommandInvocation command = scan("hi !/BackEnd(OpenAI)").commands().get(0);

    assertThat(command.name()).isEqualTo("backend");
    assertThat(command.text()).isEqualTo("!/BackEnd(OpenAI)");
    assertThat(command.arguments().positional()).containsExactly("OpenAI");
  }

  @Test
  void aCommandMustStartTheLineOrFollowWhitespace() {
    assertNoCommand("text!/max");
    assertNoCommand("x!/backend(a)");
  }

  @Test
  void severalCommandsEndingTheLineAreFoundInOrder() {
    CommandParser.LineScan scan = scan("hello !/backend(a)  !/MAX\t!/set(temperature=0.2)");

    assertThat(names(scan)).containsExactly("backend", "max", "set");
    assertThat(scan.remaining()).isEqualTo("hello");
  }

  @Test
  void commandsMustBeSeparatedByWhitespace() {
    CommandParser.LineScan scan = scan("hello !/backend(a)!/max");

    assertThat(scan.found()).isFalse();
  }

  @Test
  void theLeftmostStartFromWhichCommandsReachTheEndWins() {
    CommandParser.LineScan scan = scan("explain this !/unknown !/backend(x)");

    assertThat(names(scan)).containsExactly("backend");
    assertThat(scan.remaining()).isEqualTo("explain this !/unknown");

    CommandParser.LineScan afterText = scan("!/max is what I typed, then !/low");
    assertThat(names(afterText)).containsExactly("low");
    assertThat(afterText.remaining()).isEqualTo("!/max is what I typed, then");
  }

  @Test
  void quotedArgumentsMayHoldCommasParenthesesAndTheOtherQuote() {
    Arguments arguments = arguments("!/set(name=\"a, (b) 'c'\", 'say \\'hi\\' \\\\ \\n', \"[\")");

    assertThat(arguments.named()).containsExactly(Map.entry("name", "a, (b) 'c'"));
    assertThat(arguments.positional()).containsExactly("say 'hi' \\ \\n", "[");
  }

  @Test
  void bracketsNestAndCommasInsideThemDoNotSplit() {
    Arguments arguments = arguments("!/route(f(a, b), [x, {y, z}], last)");

    assertThat(arguments.positional()).containsExactly("f(a, b)", "[x, {y, z}]", "last");
    assertThat(arguments.raw()).isEqualTo("f(a, b), [x, {y, z}], last");
  }

  @Test
  void anApostropheInsideAWordIsAnOrdinaryCharacter() {
    assertThat(arguments("!/help(what's new)").positional()).containsExactly("what's new");
  }

  @Test
  void namedAndPositionalArgumentsAreTold() {
    Arguments arguments = arguments(
        "!/set( Temperature = 0.2 , openai:gpt-4o?temperature=0.2&top_p=1, [weight=3]a^[weight=1]b, x.y-z=\"q\", ,)");

    assertThat(arguments.named()).containsExactly(Map.entry("temperature", "0.2"), Map.entry("x.y-z", "q"));
    assertThat(arguments.positional())
        .containsExactly("openai:gpt-4o?temperature=0.2&top_p=1", "[weight=3]a^[weight=1]b");
  }

  @Test
  void aRepeatedKeyKeepsItsFirstPlaceAndItsLastValue() {
    Arguments arguments = arguments("!/set(a=1, b=2, A=3)");

    assertThat(arguments.named()).containsExactly(Map.entry("a", "3"), Map.entry("b", "2"));
  }

  @Test
  void aValueMayBeEmptyOrContainEqualsSigns() {
    Arguments arguments = arguments("!/create-failover-route(name=, element=a=b, \"k=v\")");

    assertThat(arguments.named()).containsExactly(Map.entry("name", ""), Map.entry("element", "a=b"));
    assertThat(arguments.positional()).containsExactly("k=v");
  }

  @Test
  void aValueIsUnquotedOnlyWhenOneQuotedStringMakesUpAllOfIt() {
    assertThat(arguments("!/model(\"a\" + \"b\")").positional()).containsExactly("\"a\" + \"b\"");
    assertThat(arguments("!/model('gpt-4o')").positional()).containsExactly("gpt-4o");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "text !/backend(openai",
      "text !/backend(open(ai)",
      "text !/backend(\"openai)",
      "text !/backend('openai\\')",
      "text !/route([a)]",
      "text !/route(a])",
      "text !/backend (openai)"
  })
  void unbalancedBracketsOrAnUnterminatedQuoteAreNotACommand(String text) {
    assertNoCommand(text);
  }

  @Test
  void emptyParenthesesDifferFromNone() {
    Arguments empty = arguments("!/model()");
    Arguments blank = arguments("!/model(  )");

    assertThat(empty).isEqualTo(new Arguments(List.of(), Map.of(), "", true));
    assertThat(blank).isEqualTo(empty);
    assertThat(arguments("!/model")).isEqualTo(Arguments.NONE);
    assertThat(Arguments.NONE.parenthesized()).isFalse();
  }

  @Test
  void customPrefixesWork() {
    CommandParser.LineScan hashes = PARSER.scan("question ##max ##backend(a)", "##");
    assertThat(names(hashes)).containsExactly("max", "backend");
    assertThat(hashes.remaining()).isEqualTo("question");
    assertThat(hashes.commands().get(0).text()).isEqualTo("##max");

    CommandParser.LineScan longPrefix = PARSER.scan("question @@cmd:Max", "@@cmd:");
    assertThat(names(longPrefix)).containsExactly("max");
    assertThat(longPrefix.remaining()).isEqualTo("question");

    CommandParser.LineScan cmdNamedLikePrefix = PARSER.scan("q @@cmd:cmd", "@@cmd:");
    assertThat(names(cmdNamedLikePrefix)).containsExactly("cmd");

    assertThat(PARSER.scan("question !/max", "##").found()).isFalse();
  }

  @Test
  void crlfTextKeepsItsLineBreaks() {
    CommandParser.LineScan inline = scan("first\r\nsecond !/max\r\n");
    assertThat(inline.remaining()).isEqualTo("first\r\nsecond\r\n");

    CommandParser.LineScan ownLine = scan("first\r\n  !/max  \r\n\r\n");
    assertThat(names(ownLine)).containsExactly("max");
    assertThat(ownLine.remaining()).isEqualTo("first\r\n\r\n");
  }

  @Test
  void aLineLeftBlankGoesWithItsPrecedingLineBreak() {
    assertThat(scan("line one\n\nline two\n\t!/max !/low").remaining()).isEqualTo("line one\n\nline two");
    assertThat(scan("line one\n!/max\n").remaining()).isEqualTo("line one\n");
    assertThat(scan("!/max\n\n").remaining()).isEqualTo("\n\n");
  }

  @Test
  void everythingElseStaysByteIdentical() {
    String text = "  Ünïcode ✓ \t\n  indented\r\n\tlast line  with  spaces   !/max   ";

    CommandParser.LineScan scan = scan(text);

    assertThat(scan.remaining()).isEqualTo("  Ünïcode ✓ \t\n  indented\r\n\tlast line  with  spaces   ");
  }

  @Test
  void theTextItselfIsReturnedWhenNothingIsFound() {
    String text = new String("a long question without any command");
    CommandParser.LineScan scan = scan(text);

    assertThat(scan.remaining()).isSameAs(text);
    assertThat(scan.commands()).isEmpty();
    assertThat(scan("an unknown !/command").remaining()).isEqualTo("an unknown !/command");
  }
}
