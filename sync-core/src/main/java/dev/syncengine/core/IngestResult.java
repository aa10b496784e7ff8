package dev.syncengine.core;

import java.time.Duration;
import java.util.List;

/**
 * The answer to one webhook delivery, typed so an HTTP layer maps it to a status code without
 * parsing messages: {@link Accepted} → 202 (or 200), {@link NotFound} → 404, {@link Unauthorized} →
 * 401, {@link Rejected} → 400, {@link Unavailable} → 503 with {@code Retry-After}.
 */
public sealed interface IngestResult {

  /**
   * Stored durably (or recognised as a duplicate of something stored).
   *
   * @param events one entry per change in the delivery
   */
  record Accepted(List<AcceptedEvent> events) implements IngestResult {
    public Accepted {
      events = List.copyOf(events);
    }

    /** True when every event was a duplicate. */
    public boolean allDuplicates() {
      return !events.isEmpty() && events.stream().allMatch(AcceptedEvent::duplicate);
    }
  }

  /**
   * One stored event.
   *
   * @param eventId the event id / idempotency key (generated when the sender gave none)
   * @param jobId the queue row that carries it
   * @param duplicate whether it was seen before
   */
  record AcceptedEvent(String eventId, long jobId, boolean duplicate) {}

  /** No such connection. */
  record NotFound(String connectionId) implements IngestResult {}

  /**
   * Authentication failed. {@code reason} is for logs; HTTP answers must not reveal it.
   *
   * @param reason why, e.g. "signature mismatch", "timestamp outside window"
   */
  record Unauthorized(String reason) implements IngestResult {}

  /**
   * The body could not be understood. Safe to show the sender.
   *
   * @param message what is wrong
   * @param field the JSON field at fault, or null
   */
  record Rejected(String message, String field) implements IngestResult {}

  /**
   * Nothing was stored because storage is unavailable; the sender should retry.
   *
   * @param retryAfter suggested wait
   */
  record Unavailable(Duration retryAfter) implements IngestResult {}
}
