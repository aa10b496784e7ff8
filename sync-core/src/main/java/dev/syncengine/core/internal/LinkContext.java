package dev.syncengine.core.internal;

import dev.syncengine.core.mapping.MappingContext;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.IdMapping;
import dev.syncengine.core.spi.IdMapStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves linked records through the id map of the connection syncing the linked table. One per
 * written chunk; the table-to-connection lookups are cached for its lifetime.
 */
final class LinkContext implements MappingContext {
  private final ConnectionConfig self;
  private final ConnectionRuntime runtime;
  private final IdMapStore idMap;
  private final Map<String, Optional<String>> connectionByTable;
  private final boolean finalAttempt;

  LinkContext(ConnectionConfig self, ConnectionRuntime runtime, IdMapStore idMap) {
    this(self, runtime, idMap, new HashMap<>(), false);
  }

  private LinkContext(
      ConnectionConfig self,
      ConnectionRuntime runtime,
      IdMapStore idMap,
      Map<String, Optional<String>> cache,
      boolean finalAttempt) {
    this.self = self;
    this.runtime = runtime;
    this.idMap = idMap;
    this.connectionByTable = cache;
    this.finalAttempt = finalAttempt;
  }

  /** The same lookups, telling rules this is the job's last attempt (missing links settle). */
  LinkContext lastAttempt() {
    return new LinkContext(self, runtime, idMap, connectionByTable, true);
  }

  @Override
  public boolean finalAttempt() {
    return finalAttempt;
  }

  @Override
  public Optional<String> itemIdFor(String sourceTableId, String recordId) {
    Optional<String> conn;
    synchronized (connectionByTable) {
      conn =
          connectionByTable.computeIfAbsent(
              sourceTableId,
              t ->
                  self.source().id().equals(t)
                      ? Optional.of(self.id())
                      : runtime.connectionForSourceTable(t).map(ConnectionConfig::id));
    }
    return conn.flatMap(id -> idMap.find(id, recordId)).map(IdMapping::itemId);
  }
}
