package dev.lip.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.lip.model.ChatEvent;
import dev.lip.model.ChatResponse;
import dev.lip.model.ResponseAccumulator;
import dev.lip.model.StopReason;
import dev.lip.model.Usage;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Builders for scripted canonical answers of {@link FakeProvider}, and small assertion helpers. */
public final class Script {
  private Script() {
  }

  public static ChatEvent.Started started() {
    return new ChatEvent.Started("up-1", "fake", "model-x");
  }

  public static ChatEvent.TextDelta text(String text) {
    return new ChatEvent.TextDelta(text);
  }

  public static ChatEvent.UsageReport usage(int input, int output) {
    return new ChatEvent.UsageReport(new Usage(input, output, 0, 0, 0));
  }

  public static ChatEvent.Finished finished(StopReason reason) {
    return new ChatEvent.Finished(reason);
  }

  /** The answer {@code events} add up to. */
  public static ChatResponse fold(List<ChatEvent> events) {
    ResponseAccumulator accumulator = new ResponseAccumulator();
    events.forEach(accumulator::accept);
    return accumulator.response();
  }

  /** The exception of {@code type} that {@code call} throws; fails when it throws none. */
  public static <T extends Throwable> T thrown(Class<T> type, ThrowingCallable call) {
    T error = catchThrowableOfType(type, call);
    assertThat(error).as("expected " + type.getSimpleName()).isNotNull();
    return error;
  }
}
