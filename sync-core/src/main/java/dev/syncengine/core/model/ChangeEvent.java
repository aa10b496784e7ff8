package dev.syncengine.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One change to one source record, as accepted at ingress or found by a pull, backfill or
 * reconcile.
 *
 * @param connectionId the connection the change belongs to
 * @param recordId the source record id (for {@link ChangeKind#PULL}, the pull key)
 * @param kind upsert, delete or pull
 * @param sourceVersion the record's {@code last_updated} at the source; coalescing orders changes
 *     by it, never by arrival
 * @param payload raw source data carried by the event, or {@code null} when the worker must fetch
 *     it
 * @param idempotencyKey the event id or idempotency key; a second event with the same key is
 *     accepted and dropped. {@code null} when the source gives none
 * @param receivedAt when ingress accepted it; the start of end-to-end lag
 */
public record ChangeEvent(
    String connectionId,
    String recordId,
    ChangeKind kind,
    Instant sourceVersion,
    JsonNode payload,
    String idempotencyKey,
    Instant receivedAt) {

  public ChangeEvent {
    Objects.requireNonNull(connectionId, "connectionId");
    Objects.requireNonNull(recordId, "recordId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(sourceVersion, "sourceVersion");
    Objects.requireNonNull(receivedAt, "receivedAt");
    if (recordId.isBlank()) {
      throw new IllegalArgumentException("recordId must not be blank");
    }
  }

  public static ChangeEvent upsert(
      String connectionId, String recordId, Instant version, JsonNode payload, String key) {
    return new ChangeEvent(
        connectionId, recordId, ChangeKind.UPSERT, version, payload, key, Instant.now());
  }

  public static ChangeEvent delete(
      String connectionId, String recordId, Instant version, String key) {
    return new ChangeEvent(
        connectionId, recordId, ChangeKind.DELETE, version, null, key, Instant.now());
  }

  /** Returns a copy with another arrival time (ingress stamps its own clock). */
  public ChangeEvent withReceivedAt(Instant at) {
    return new ChangeEvent(
        connectionId, recordId, kind, sourceVersion, payload, idempotencyKey, at);
  }
}
