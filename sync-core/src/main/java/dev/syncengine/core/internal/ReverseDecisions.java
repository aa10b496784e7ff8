package dev.syncengine.core.internal;

import dev.syncengine.core.model.ChangeEvent;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.IdMapping;
import dev.syncengine.core.model.JobState;
import dev.syncengine.core.model.LogStatus;
import dev.syncengine.core.model.StoredTargetChange;
import dev.syncengine.core.spi.ErrorCodes;
import dev.syncengine.core.spi.RecordWriter;
import dev.syncengine.core.spi.Stores;
import dev.syncengine.core.spi.SyncError;
import dev.syncengine.core.spi.SyncException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A person's decision on a reverse delete held under the "ask" policy: approve deletes the record
 * at the source now; reject keeps it and restores the item from it (the id map forgets the deleted
 * item and a change of the record is queued, which creates a new one). Thread-safe.
 */
public final class ReverseDecisions {
  /** What a decision did. */
  public record Outcome(long changeId, String connectionId, String recordId, String result) {}

  private final Stores stores;
  private final ConnectionRuntime runtime;
  private final Clock clock;
  private final Runnable changesQueued;
  private final ReverseLog log;

  public ReverseDecisions(
      Stores stores, ConnectionRuntime runtime, Clock clock, Runnable changesQueued) {
    this.stores = stores;
    this.runtime = runtime;
    this.clock = clock;
    this.changesQueued = changesQueued;
    this.log = new ReverseLog(stores.eventLog(), clock);
  }

  /**
   * Deletes the held change's record at the source.
   *
   * @throws IllegalArgumentException for an unknown change, or one not waiting for a decision
   * @throws SyncException when the source refuses or cannot be reached (the change stays held)
   */
  public Outcome approve(long changeId) {
    Instant started = clock.instant();
    StoredTargetChange row = held(changeId);
    ConnectionConfig c = connection(row);
    Optional<IdMapping> m = stores.idMap().findByItemId(c.id(), row.change().itemId());
    String result;
    String recordId = m.map(IdMapping::recordId).orElse(null);
    if (recordId == null) {
      result = "nothing to delete: the item is no longer linked to a record";
    } else {
      RecordWriter writer =
          runtime
              .sourceSession(c)
              .writer()
              .orElseThrow(
                  () ->
                      new SyncException(
                          SyncError.permanent(
                              ErrorCodes.INTERNAL_ERROR,
                              "the source of connection '" + c.id() + "' cannot delete records",
                              null)));
      writer.delete(recordId);
      stores.idMap().delete(c.id(), recordId);
      result = "approved: record " + recordId + " deleted";
    }
    return settle(row, recordId, "delete", result, started);
  }

  /**
   * Keeps the record and restores the item from it.
   *
   * @throws IllegalArgumentException for an unknown change, or one not waiting for a decision
   */
  public Outcome reject(long changeId) {
    Instant started = clock.instant();
    StoredTargetChange row = held(changeId);
    ConnectionConfig c = connection(row);
    Optional<IdMapping> m = stores.idMap().findByItemId(c.id(), row.change().itemId());
    String recordId = m.map(IdMapping::recordId).orElse(null);
    String result;
    if (recordId == null) {
      result = "rejected: the item is no longer linked to a record";
    } else {
      stores.idMap().delete(c.id(), recordId);
      Instant version = m.get().sourceVersion() == null ? Instant.EPOCH : m.get().sourceVersion();
      stores
          .jobs()
          .enqueue(
              List.of(
                  new ChangeEvent(
                      c.id(),
                      recordId,
                      dev.syncengine.core.model.ChangeKind.UPSERT,
                      version,
                      null,
                      "restore:" + row.id(),
                      clock.instant())));
      changesQueued.run();
      result = "rejected: record " + recordId + " kept, its item is made again";
    }
    return settle(row, recordId, "restore", result, started);
  }

  private Outcome settle(
      StoredTargetChange row, String recordId, String action, String result, Instant started) {
    if (!stores.targetChanges().settle(row.id(), result)) {
      throw new IllegalArgumentException("target change " + row.id() + " was decided meanwhile");
    }
    log.append(
        List.of(log.entry(row, recordId, action, LogStatus.SUCCESS, null, result, null, started)));
    return new Outcome(row.id(), row.change().connectionId(), recordId, result);
  }

  private StoredTargetChange held(long changeId) {
    StoredTargetChange row =
        stores
            .targetChanges()
            .find(changeId)
            .orElseThrow(() -> new IllegalArgumentException("unknown target change " + changeId));
    if (row.state() != JobState.HELD) {
      throw new IllegalArgumentException(
          "target change "
              + changeId
              + " is not waiting for a decision (it is "
              + row.state().name().toLowerCase(java.util.Locale.ROOT)
              + ")");
    }
    return row;
  }

  private ConnectionConfig connection(StoredTargetChange row) {
    return runtime
        .connection(row.change().connectionId())
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "connection '" + row.change().connectionId() + "' no longer exists"));
  }
}
