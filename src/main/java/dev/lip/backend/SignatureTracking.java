package dev.lip.backend;

import dev.lip.bus.Dispatch;
import dev.lip.model.ChatEvent;
import dev.lip.model.ChatRequest;
import io.vertx.core.Future;
import java.util.List;

/**
 * A provider whose requests carry no blob another wire dialect produced ({@link SignatureFilter}), and whose
 * answers' thinking signatures, tool-call signatures and redacted thinking are recorded in the proxy's
 * {@link SignatureLedger} under its own dialect, before they reach the client.
 */
final class SignatureTracking implements Provider {
  private final Provider provider;
  private final SignatureLedger ledger;
  private final String dialect;
  private final SignatureFilter filter;

  SignatureTracking(Provider provider, SignatureLedger ledger) {
    this.provider = provider;
    this.ledger = ledger;
    this.dialect = provider.dialect();
    this.filter = new SignatureFilter(ledger, dialect);
  }

  @Override
  public String dialect() {
    return dialect;
  }

  @Override
  public UpstreamCall start(Dispatch dispatch, String apiKey, EventSink sink) {
    ChatRequest request = filter.apply(dispatch.request());
    Dispatch own = request == dispatch.request() ? dispatch : dispatch.withRequest(request);
    return provider.start(own, apiKey, new EventSink() {
      @Override
      public void accept(ChatEvent event) {
        record(event);
        sink.accept(event);
      }

      @Override
      public void batch(Runnable delivery) {
        sink.batch(delivery);
      }
    });
  }

  @Override
  public Future<List<String>> models(String apiKey) {
    return provider.models(apiKey);
  }

  @Override
  public void close() {
    provider.close();
  }

  private void record(ChatEvent event) {
    if (event instanceof ChatEvent.ThinkingDelta thinking) {
      if (thinking.signature() != null) {
        ledger.record(thinking.signature(), dialect);
      }
    } else if (event instanceof ChatEvent.ToolCallStarted call) {
      if (call.signature() != null) {
        ledger.record(call.signature(), dialect);
      }
    } else if (event instanceof ChatEvent.RedactedThinking redacted) {
      ledger.record(redacted.data(), dialect);
    }
  }
}
