package dev.syncengine.core.internal;

import dev.syncengine.core.model.IdMapping;
import dev.syncengine.core.spi.IdMapStore;
import dev.syncengine.core.spi.WriteResult;
import java.time.Instant;

/** Records a successful write in the id map: what was written, at which source version. */
final class IdMapUpdate {
  private IdMapUpdate() {}

  static void apply(
      IdMapStore idMap,
      String connectionId,
      String recordId,
      WriteResult r,
      IdMapping before,
      Instant version,
      Instant now) {
    switch (r.outcome()) {
      case DELETED -> idMap.delete(connectionId, recordId);
      case UNCHANGED -> {
        if (before != null) {
          idMap.put(
              new IdMapping(
                  connectionId,
                  recordId,
                  before.itemId(),
                  version,
                  before.snapshot(),
                  before.previousSnapshot(),
                  before.itemState(),
                  now));
        }
      }
      default ->
          idMap.put(
              new IdMapping(
                  connectionId,
                  recordId,
                  r.itemId(),
                  version,
                  r.fieldData() != null ? r.fieldData() : before == null ? null : before.snapshot(),
                  // The snapshot before this write, for the diff view.
                  before == null ? null : before.snapshot(),
                  r.itemState(),
                  now));
    }
  }
}
