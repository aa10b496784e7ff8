package dev.syncengine.core.spi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncengine.core.IngestRequest;
import dev.syncengine.core.model.ChangeEvent;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.SourceRecord;
import dev.syncengine.core.model.SourceSchema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where changes come from (SmartSuite). Implementations are thread-safe; every method but {@link
 * #parse} may call the source and throws {@link SyncException} when that fails.
 */
public interface SourceAdapter extends Adapter {

  /**
   * Opens the session the engine uses for one connection; the engine caches it per connection and
   * config and closes it when either changes. Must be cheap and make no outbound call ({@link
   * SourceSession#parse} runs on the ingress path through it). Adapters should return a session
   * that holds the connection's client; the default binds the config-carrying methods below to
   * {@code connection}, for adapters written before sessions.
   */
  default SourceSession open(ConnectionConfig connection) {
    return new BoundSourceSession(this, connection);
  }

  /**
   * Authenticates and parses one delivery into change events, without any outbound call. A ping
   * that only says "something changed" becomes one {@link
   * dev.syncengine.core.model.ChangeKind#PULL} event whose record id is the pull key.
   *
   * @throws IngressException unauthorized or malformed; nothing is stored then
   */
  List<ChangeEvent> parse(ConnectionConfig connection, IngestRequest request)
      throws IngressException;

  /**
   * Fetches the next page of changes behind a pull key, from {@code cursor} (null: where the source
   * keeps it). The engine enqueues the events, then persists {@link PullPage#nextCursor()}.
   */
  PullPage pull(ConnectionConfig connection, String pullKey, String cursor);

  /**
   * Turns pending changes into normalised records, fetching those whose payload is missing or
   * partial. A record absent from the result no longer exists at the source.
   */
  Map<String, SourceRecord> resolve(ConnectionConfig connection, List<PendingChange> changes);

  /** Lists records for backfill and reconcile, in a stable order, from {@code cursor}. */
  RecordPage list(ConnectionConfig connection, String cursor, int limit, Instant updatedSince);

  /** The table's schema; the engine caches it. */
  SourceSchema schema(ConnectionConfig connection);

  /**
   * Registers (or repairs) the source's webhook for this connection so that it notifies {@code
   * notificationUrl}. Returns options to persist on the connection (e.g. the webhook id).
   */
  default Map<String, String> subscribe(ConnectionConfig connection, String notificationUrl) {
    return Map.of();
  }

  /** Removes the source's webhook for this connection, if any. */
  default void unsubscribe(ConnectionConfig connection) {}

  /**
   * Periodic upkeep (keepalive, re-enabling a disabled webhook). Returns status to show, e.g.
   * {@code expires_at}.
   */
  default Map<String, String> maintain(ConnectionConfig connection) {
    return Map.of();
  }

  /**
   * The pulls to queue when an engine starts, so changes announced while no instance was running
   * (pings that found nothing listening, or a process killed between a ping and its pull) are
   * fetched at once instead of waiting for the source's next notification or retry. Events of kind
   * {@link dev.syncengine.core.model.ChangeKind#PULL}; a pull already pending absorbs them. Must
   * make no outbound call. Default: none.
   */
  default List<ChangeEvent> catchUp(ConnectionConfig connection, Instant now) {
    return List.of();
  }

  /**
   * One queued change as the worker hands it over.
   *
   * @param recordId source record id
   * @param version the newest source version queued
   * @param payload raw data carried by the event, or null
   */
  record PendingChange(String recordId, Instant version, JsonNode payload) {}

  /**
   * One page of pulled changes.
   *
   * @param events the changes, with idempotency keys
   * @param nextCursor where the next pull starts (persist after enqueueing)
   * @param hasMore whether to pull again at once
   */
  record PullPage(List<ChangeEvent> events, String nextCursor, boolean hasMore) {}

  /**
   * One page of records.
   *
   * @param records normalised records
   * @param nextCursor where the next page starts, or null at the end
   * @param total the source's total count, or -1 when unknown
   */
  record RecordPage(List<SourceRecord> records, String nextCursor, long total) {}
}
