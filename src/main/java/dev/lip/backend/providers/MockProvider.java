package dev.lip.backend.providers;

import dev.lip.backend.EventSink;
import dev.lip.backend.Provider;
import dev.lip.backend.UpstreamCall;
import dev.lip.bus.Dispatch;
import dev.lip.model.ChatEvent;
import dev.lip.model.ChatRequest;
import dev.lip.model.Message;
import dev.lip.model.ProxyError;
import dev.lip.model.StopReason;
import dev.lip.model.Usage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built-in in-process backend: answers without any network or key, so the proxy works out of the
 * box. The model name picks a behaviour, for demos and tests:
 * <ul>
 *   <li>any model: echoes the latest user message, streamed word by word;</li>
 *   <li>{@code tool-call}: calls the tool {@code get_weather} (or the first offered tool) with the user's text,
 *       under a fresh call id ({@code call_mock_<request id>});</li>
 *   <li>{@code thinking}: reasons first, then echoes;</li>
 *   <li>{@code error-<status>}: fails before any output with that upstream status (e.g. {@code error-429});</li>
 *   <li>{@code slow-<ms>}: waits that long before the first byte, then echoes;</li>
 *   <li>{@code die-midway}: starts echoing, then the stream breaks.</li>
 * </ul>
 */
public final class MockProvider implements Provider {
  /** The models the mock advertises. */
  public static final List<String> MODELS =
      List.of("echo", "tool-call", "thinking", "error-429", "error-500", "slow-2000", "die-midway");

  private static final Pattern ERROR = Pattern.compile("error-(\\d{3})");
  private static final Pattern SLOW = Pattern.compile("slow-(\\d{1,6})");
  private static final long CHUNK_INTERVAL_MS = 1;
  /** Base64, like real providers' signatures (Gemini clients decode {@code thoughtSignature} as bytes). */
  private static final String MOCK_SIGNATURE = "bW9jay1zaWduYXR1cmU=";

  private final Vertx vertx;

  public MockProvider(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public String dialect() {
    return "mock";
  }

  @Override
  public Future<List<String>> models(String apiKey) {
    return Future.succeededFuture(MODELS);
  }

  @Override
  public UpstreamCall start(Dispatch dispatch, String apiKey, EventSink sink) {
    ChatRequest request = dispatch.request();
    String model = request.selector();
    Script script = new Script(vertx, sink);
    Message last = request.lastUserMessage();
    String text = last == null ? "" : last.text();
    Usage usage = new Usage(estimateTokens(request), estimateTokens(text), 0, 0, 0);
    Matcher error = ERROR.matcher(model);
    Matcher slow = SLOW.matcher(model);
    if (error.matches()) {
      int status = Integer.parseInt(error.group(1));
      script.then(new ChatEvent.Failed(UpstreamErrors.fromStatus(status, "mock failure " + status, null,
          status == 429 ? 1L : null)));
    } else if (model.equals("tool-call")) {
      String tool = request.tools().isEmpty() ? "get_weather" : request.tools().get(0).name();
      String arguments = "{\"city\":" + quote(text) + "}";
      int half = arguments.length() / 2;
      script.then(new ChatEvent.ToolCallStarted(0, "call_mock_" + dispatch.requestId(), tool))
          .then(new ChatEvent.ToolCallDelta(0, arguments.substring(0, half)))
          .then(new ChatEvent.ToolCallDelta(0, arguments.substring(half)))
          .then(new ChatEvent.ToolCallDone(0))
          .then(new ChatEvent.UsageReport(usage))
          .then(new ChatEvent.Finished(StopReason.TOOL_USE));
    } else if (model.equals("die-midway")) {
      words(script, text);
      script.then(new ChatEvent.Failed(new ProxyError(ProxyError.Kind.UPSTREAM, 502,
          "mock upstream died mid-stream", true, null, null)));
    } else {
      if (slow.matches()) {
        script.delay(Long.parseLong(slow.group(1)));
      }
      if (model.equals("thinking")) {
        script.then(new ChatEvent.ThinkingDelta("The user wrote: " + text, null))
            .then(new ChatEvent.ThinkingDelta("", MOCK_SIGNATURE));
      }
      words(script, text.isEmpty() ? "(empty message)" : text);
      script.then(new ChatEvent.UsageReport(usage)).then(new ChatEvent.Finished(StopReason.END_TURN));
    }
    script.play();
    return script;
  }

  private static void words(Script script, String text) {
    int from = 0;
    for (int i = 1; i <= text.length(); i++) {
      if (i == text.length() || text.charAt(i) == ' ') {
        script.then(new ChatEvent.TextDelta(text.substring(from, i)));
        from = i;
      }
    }
  }

  private static long estimateTokens(ChatRequest request) {
    long chars = 0;
    for (Message m : request.messages()) {
      chars += m.text().length();
    }
    return Math.max(1, chars / 4);
  }

  private static long estimateTokens(String text) {
    return Math.max(1, text.length() / 4);
  }

  private static String quote(String text) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  /** Plays events one timer tick apart, like a real stream; obeys pause and cancel. */
  private static final class Script implements UpstreamCall {
    private final Vertx vertx;
    private final EventSink sink;
    private final Deque<Object> steps = new ArrayDeque<>();
    private boolean paused;
    private boolean cancelled;
    private long timer = -1;

    Script(Vertx vertx, EventSink sink) {
      this.vertx = vertx;
      this.sink = sink;
    }

    Script then(ChatEvent event) {
      steps.add(event);
      return this;
    }

    Script delay(long millis) {
      steps.add(millis);
      return this;
    }

    void play() {
      schedule(CHUNK_INTERVAL_MS);
    }

    @Override
    public void pause() {
      paused = true;
    }

    @Override
    public void resume() {
      paused = false;
      if (timer < 0 && !cancelled) {
        schedule(CHUNK_INTERVAL_MS);
      }
    }

    @Override
    public void cancel() {
      cancelled = true;
      if (timer >= 0) {
        vertx.cancelTimer(timer);
        timer = -1;
      }
    }

    private void schedule(long millis) {
      timer = vertx.setTimer(Math.max(1, millis), id -> step());
    }

    private void step() {
      timer = -1;
      while (!cancelled && !paused && !steps.isEmpty()) {
        Object next = steps.poll();
        if (next instanceof Long millis) {
          schedule(millis);
          return;
        }
        sink.accept((ChatEvent) next);
        if (!steps.isEmpty()) {
          schedule(CHUNK_INTERVAL_MS);
          return;
        }
      }
    }
  }
}
