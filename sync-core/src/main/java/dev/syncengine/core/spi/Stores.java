package dev.syncengine.core.spi;

import java.util.Objects;

/**
 * The stores one engine uses, as a set: in-memory ({@code InMemoryStores.create}) or JDBC.
 *
 * @param jobs the queue and idempotency inbox
 * @param connections connections and mappings
 * @param idMap source record ↔ target item
 * @param cursors named cursors
 * @param eventLog the sync log
 * @param targetChanges changes made at the target, for two-way connections ({@link
 *     TargetChangeStore#UNSUPPORTED} when the set keeps none)
 */
public record Stores(
    JobStore jobs,
    ConnectionStore connections,
    IdMapStore idMap,
    CursorStore cursors,
    EventLogStore eventLog,
    TargetChangeStore targetChanges) {
  public Stores {
    Objects.requireNonNull(jobs, "jobs");
    Objects.requireNonNull(connections, "connections");
    Objects.requireNonNull(idMap, "idMap");
    Objects.requireNonNull(cursors, "cursors");
    Objects.requireNonNull(eventLog, "eventLog");
    Objects.requireNonNull(targetChanges, "targetChanges");
  }

  /**
   * A set without a target change store: two-way deliveries are refused as unavailable (503) and
   * retried by the sender, never acknowledged unstored.
   */
  public Stores(
      JobStore jobs,
      ConnectionStore connections,
      IdMapStore idMap,
      CursorStore cursors,
      EventLogStore eventLog) {
    this(jobs, connections, idMap, cursors, eventLog, TargetChangeStore.UNSUPPORTED);
  }
}
