package dev.syncengine.core.internal;

import dev.syncengine.core.Inspector;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.IdMapping;
import dev.syncengine.core.model.Job;
import dev.syncengine.core.model.JobState;
import dev.syncengine.core.model.LogEntry;
import dev.syncengine.core.model.MappingVersion;
import dev.syncengine.core.spi.EventLogStore;
import dev.syncengine.core.spi.LogQuery;
import dev.syncengine.core.spi.Stores;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@link Inspector} on the stores: each method is one store read. Thread-safe. */
public final class StoreInspector implements Inspector {
  private final Stores stores;
  private final ConnectionRuntime runtime;

  public StoreInspector(Stores stores, ConnectionRuntime runtime) {
    this.stores = stores;
    this.runtime = runtime;
  }

  @Override
  public List<ConnectionConfig> connections() {
    return stores.connections().list();
  }

  @Override
  public Optional<ConnectionConfig> connection(String connectionId) {
    return stores.connections().find(connectionId);
  }

  @Override
  public Optional<MappingVersion> mapping(String connectionId) {
    return stores.connections().mapping(connectionId);
  }

  @Override
  public List<MappingVersion> mappingHistory(String connectionId) {
    return stores.connections().mappingHistory(connectionId);
  }

  @Override
  public Set<String> sourceTypes() {
    return runtime.sourceTypes();
  }

  @Override
  public Set<String> targetTypes() {
    return runtime.sinkTypes();
  }

  @Override
  public Map<JobState, Long> jobCounts(String connectionId) {
    return stores.jobs().counts(connectionId);
  }

  @Override
  public Optional<Instant> oldestWaiting(String connectionId) {
    return stores.jobs().oldestWaiting(connectionId);
  }

  @Override
  public List<Job> jobs(String connectionId, JobState state, int offset, int limit) {
    return stores.jobs().list(connectionId, state, offset, limit);
  }

  @Override
  public Optional<Job> job(long jobId) {
    return stores.jobs().find(jobId);
  }

  @Override
  public Optional<Job> jobForRecord(String connectionId, String recordId) {
    return stores.jobs().findByRecord(connectionId, recordId);
  }

  @Override
  public Optional<IdMapping> item(String connectionId, String recordId) {
    return stores.idMap().find(connectionId, recordId);
  }

  @Override
  public Optional<IdMapping> itemByTargetId(String connectionId, String itemId) {
    return stores.idMap().findByItemId(connectionId, itemId);
  }

  @Override
  public long itemCount(String connectionId) {
    return stores.idMap().count(connectionId);
  }

  @Override
  public List<LogEntry> log(LogQuery query) {
    return stores.eventLog().query(query);
  }

  @Override
  public long logCount(LogQuery query) {
    return stores.eventLog().count(query);
  }

  @Override
  public List<EventLogStore.Bucket> volume(
      String connectionId, Instant from, Instant to, Duration bucket) {
    return stores.eventLog().volume(connectionId, from, to, bucket);
  }

  @Override
  public EventLogStore.Latency latency(String connectionId, Instant from, Instant to) {
    return stores.eventLog().latency(connectionId, from, to);
  }

  @Override
  public List<EventLogStore.ErrorCount> topErrors(
      String connectionId, Instant from, Instant to, int limit) {
    return stores.eventLog().topErrors(connectionId, from, to, limit);
  }
}
