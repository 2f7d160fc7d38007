package dev.lip.bus;

import java.util.Objects;

/**
 * Backpressure from a frontend: its client is slow ({@code paused}) or has caught up again. The backend
 * pauses or resumes reading the upstream response, so memory per stream stays bounded.
 */
public record FlowControl(String requestId, boolean paused) {
  public FlowControl {
    Objects.requireNonNull(requestId, "requestId");
  }
}
