package dev.syncengine.core;

import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.IdMapping;
import dev.syncengine.core.model.Job;
import dev.syncengine.core.model.JobState;
import dev.syncengine.core.model.LogEntry;
import dev.syncengine.core.model.MappingVersion;
import dev.syncengine.core.spi.EventLogStore;
import dev.syncengine.core.spi.LogQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A read-only view of what the engine stores, for dashboards, health checks and metrics ({@link
 * SyncEngine#inspect()}). Every method reads the store at the time of the call (nothing is cached)
 * and may throw {@link dev.syncengine.core.spi.StoreUnavailableException}. Changes go through
 * {@link ControlPlane}. A {@code connectionId} documented as nullable means every connection.
 *
 * <p>Thread-safe.
 */
public interface Inspector {

  /** Every connection. */
  List<ConnectionConfig> connections();

  /** One connection, as stored now. */
  Optional<ConnectionConfig> connection(String connectionId);

  /** The connection's current mapping version. */
  Optional<MappingVersion> mapping(String connectionId);

  /** Every mapping version of the connection. */
  List<MappingVersion> mappingHistory(String connectionId);

  /** The source types the engine has an adapter for ({@code ResourceRef.type()}). */
  Set<String> sourceTypes();

  /** The target types the engine has an adapter for. */
  Set<String> targetTypes();

  /** Queue rows per state, of one connection or (null) all. */
  Map<JobState, Long> jobCounts(String connectionId);

  /** When the oldest job still waiting was queued, of one connection or (null) all. */
  Optional<Instant> oldestWaiting(String connectionId);

  /**
   * A page of queue rows, in the job store's order ({@link dev.syncengine.core.spi.JobStore#list}).
   *
   * @param connectionId one connection, or null for all
   * @param state one state, or null for all
   */
  List<Job> jobs(String connectionId, JobState state, int offset, int limit);

  /** One queue row. */
  Optional<Job> job(long jobId);

  /** The newest queue row of a record. */
  Optional<Job> jobForRecord(String connectionId, String recordId);

  /** Which target item a source record was written to. */
  Optional<IdMapping> item(String connectionId, String recordId);

  /** Which source record a target item was written from. */
  Optional<IdMapping> itemByTargetId(String connectionId, String itemId);

  /** How many records of the connection have a target item. */
  long itemCount(String connectionId);

  /** Sync log entries matching the query. */
  List<LogEntry> log(LogQuery query);

  /** How many sync log entries match (offset and limit ignored). */
  long logCount(LogQuery query);

  /** Sync log volume per status in time buckets; connection nullable. */
  List<EventLogStore.Bucket> volume(String connectionId, Instant from, Instant to, Duration bucket);

  /** Write latency percentiles; connection nullable. */
  EventLogStore.Latency latency(String connectionId, Instant from, Instant to);

  /** The most frequent errors; connection nullable. */
  List<EventLogStore.ErrorCount> topErrors(
      String connectionId, Instant from, Instant to, int limit);
}
