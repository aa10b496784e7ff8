package dev.syncengine.core.spi;

import dev.syncengine.core.IngestRequest;
import dev.syncengine.core.model.ChangeEvent;
import dev.syncengine.core.model.SourceRecord;
import dev.syncengine.core.model.SourceSchema;
import dev.syncengine.core.spi.SourceAdapter.PendingChange;
import dev.syncengine.core.spi.SourceAdapter.PullPage;
import dev.syncengine.core.spi.SourceAdapter.RecordPage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One connection's view of a source, opened by {@link SourceAdapter#open} for one version of the
 * connection's config and closed by the engine when that config changes, the connection is deleted
 * or the engine stops.
 *
 * <p>Thread-safe. {@link #close()} may run while another thread is still in a call (a config change
 * replaces the session at once): that call may finish or fail with {@link SyncException}, but must
 * not hang. Every method but {@link #parse} and {@link #catchUp} may call the source and throws
 * {@link SyncException} when that fails.
 */
public interface SourceSession extends AutoCloseable {

  /**
   * Authenticates and parses one delivery into change events, without any outbound call (it runs on
   * the ingress path). A ping that only says "something changed" becomes one {@link
   * dev.syncengine.core.model.ChangeKind#PULL} event whose record id is the pull key.
   *
   * @throws IngressException unauthorized or malformed; nothing is stored then
   */
  List<ChangeEvent> parse(IngestRequest request) throws IngressException;

  /**
   * Fetches the next page of changes behind a pull key, from {@code cursor} (null: where the source
   * keeps it). The engine enqueues the events, then persists {@link PullPage#nextCursor()}.
   */
  PullPage pull(String pullKey, String cursor);

  /**
   * Turns pending changes into normalised records, fetching those whose payload is missing or
   * partial. A record absent from the result no longer exists at the source.
   */
  Map<String, SourceRecord> resolve(List<PendingChange> changes);

  /**
   * Lists records for backfill and reconcile, in a stable order, from {@code cursor}; with {@code
   * updatedSince}, only records changed since then.
   */
  RecordPage list(String cursor, int limit, Instant updatedSince);

  /** The table's schema, field types already normalised; the engine caches it. */
  SourceSchema schema();

  /**
   * The table's schema read now, past any cache of the adapter's (which it refreshes): for admin
   * actions that follow a change the user just made at the source, such as adding the target field
   * for a new source field. By default {@link #schema()}.
   */
  default SourceSchema freshSchema() {
    return schema();
  }

  /**
   * Registers (or repairs) the source's webhook for this connection so that it notifies {@code
   * notificationUrl}. Returns options to persist on the connection (e.g. the webhook id). Default:
   * none.
   */
  default Map<String, String> subscribe(String notificationUrl) {
    return Map.of();
  }

  /** Removes the source's webhook for this connection, if any. */
  default void unsubscribe() {}

  /**
   * Periodic upkeep (keepalive, re-enabling a disabled webhook). Returns status to show, e.g.
   * {@code expires_at}.
   */
  default Map<String, String> maintain() {
    return Map.of();
  }

  /**
   * The pulls to queue when an engine starts, so changes announced while no instance was running
   * (pings that found nothing listening, or a process killed between a ping and its pull) are
   * fetched at once instead of waiting for the source's next notification or retry. Events of kind
   * {@link dev.syncengine.core.model.ChangeKind#PULL}; a pull already pending absorbs them. Must
   * make no outbound call. Default: none.
   */
  default List<ChangeEvent> catchUp(Instant now) {
    return List.of();
  }

  /**
   * The session's {@link RecordWriter} when the source can be written (two-way sync). Default:
   * empty, a one-way source.
   */
  default Optional<RecordWriter> writer() {
    return Optional.empty();
  }

  /** Releases what the session holds; makes no call to the source. Idempotent. */
  @Override
  default void close() {}
}
