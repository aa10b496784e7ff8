package dev.syncengine.core.spi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncengine.core.model.ChangeEvent;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.SourceRecord;
import java.time.Instant;
import java.util.List;

/**
 * Where changes come from (SmartSuite): a factory of {@link SourceSession}s, one per connection,
 * plus the discovery calls of {@link Adapter}, which take a draft's credentials. Implementations
 * are thread-safe.
 *
 * <pre>{@code
 * SourceSession session = source.open(connection);   // cheap, no outbound call
 * RecordPage page = session.list(null, 100, null);
 * session.close();
 * }</pre>
 */
public interface SourceAdapter extends Adapter {

  /**
   * Opens the session the engine uses for one connection; the engine caches it per connection and
   * config and closes it when either changes. Must be cheap and make no outbound call ({@link
   * SourceSession#parse} runs on the ingress path through it), and must not fail for missing
   * credentials: the calls that need them fail instead. The session holds what the connection
   * needs, typically its API client; rate limiters shared per API key live outside it.
   */
  SourceSession open(ConnectionConfig connection);

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
