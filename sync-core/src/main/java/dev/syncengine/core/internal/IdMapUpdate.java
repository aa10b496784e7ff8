package dev.syncengine.core.internal;

import dev.syncengine.core.model.IdMapping;
import dev.syncengine.core.spi.IdMapStore;
import dev.syncengine.core.spi.WriteResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Collects what one bulk write changes in the id map (what was written, at which source version,
 * and the item's version the target reported after it) and applies it in one store call. Not
 * thread-safe: one per chunk.
 */
final class IdMapUpdate {
  private final String connectionId;
  private final List<IdMapping> puts = new ArrayList<>();
  private final List<String> deletes = new ArrayList<>();

  IdMapUpdate(String connectionId) {
    this.connectionId = connectionId;
  }

  void add(String recordId, WriteResult r, IdMapping before, Instant version, Instant now) {
    switch (r.outcome()) {
      case DELETED -> deletes.add(recordId);
      case UNCHANGED -> {
        if (before != null) {
          puts.add(
              new IdMapping(
                  connectionId,
                  recordId,
                  before.itemId(),
                  version,
                  before.snapshot(),
                  before.previousSnapshot(),
                  before.itemState(),
                  now,
                  // nothing was written: the item is still at the version our last write left
                  before.targetVersion()));
        }
      }
      default ->
          puts.add(
              new IdMapping(
                  connectionId,
                  recordId,
                  r.itemId(),
                  version,
                  r.fieldData() != null ? r.fieldData() : before == null ? null : before.snapshot(),
                  // The snapshot before this write, for the diff view.
                  before == null ? null : before.snapshot(),
                  r.itemState(),
                  now,
                  // the item's version after this write, as the target reported it (or null): a
                  // target webhook delivery of it is the echo of this write (two-way sync)
                  r.targetVersion()));
    }
  }

  void applyTo(IdMapStore idMap) {
    if (!puts.isEmpty() || !deletes.isEmpty()) {
      idMap.apply(puts, deletes.isEmpty() ? Map.of() : Map.of(connectionId, deletes));
    }
  }
}
