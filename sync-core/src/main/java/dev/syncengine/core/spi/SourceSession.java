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

/**
 * One connection's view of a source, opened by {@link SourceAdapter#open} for one version of the
 * connection's config and closed by the engine when that config changes, the connection is deleted
 * or the engine stops. Methods mean what the same-named {@link SourceAdapter} methods mean, for the
 * connection the session was opened for.
 *
 * <p>Thread-safe. {@link #close()} may run while another thread is still in a call (a config change
 * replaces the session at once): that call may finish or fail with {@link SyncException}, but must
 * not hang. Every method but {@link #parse} and {@link #catchUp} may call the source.
 */
public interface SourceSession extends AutoCloseable {

  /** See {@link SourceAdapter#parse}: no outbound call. */
  List<ChangeEvent> parse(IngestRequest request) throws IngressException;

  /** See {@link SourceAdapter#pull}. */
  PullPage pull(String pullKey, String cursor);

  /** See {@link SourceAdapter#resolve}. */
  Map<String, SourceRecord> resolve(List<PendingChange> changes);

  /** See {@link SourceAdapter#list}. */
  RecordPage list(String cursor, int limit, Instant updatedSince);

  /** See {@link SourceAdapter#schema}. */
  SourceSchema schema();

  /** See {@link SourceAdapter#subscribe}. */
  default Map<String, String> subscribe(String notificationUrl) {
    return Map.of();
  }

  /** See {@link SourceAdapter#unsubscribe}. */
  default void unsubscribe() {}

  /** See {@link SourceAdapter#maintain}. */
  default Map<String, String> maintain() {
    return Map.of();
  }

  /** See {@link SourceAdapter#catchUp}: no outbound call. */
  default List<ChangeEvent> catchUp(Instant now) {
    return List.of();
  }

  /** Releases what the session holds; makes no call to the source. Idempotent. */
  @Override
  default void close() {}
}
