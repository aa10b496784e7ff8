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
 */
public record Stores(
    JobStore jobs,
    ConnectionStore connections,
    IdMapStore idMap,
    CursorStore cursors,
    EventLogStore eventLog) {
  public Stores {
    Objects.requireNonNull(jobs, "jobs");
    Objects.requireNonNull(connections, "connections");
    Objects.requireNonNull(idMap, "idMap");
    Objects.requireNonNull(cursors, "cursors");
    Objects.requireNonNull(eventLog, "eventLog");
  }
}
