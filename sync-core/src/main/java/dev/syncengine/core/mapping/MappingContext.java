package dev.syncengine.core.mapping;

import java.util.Optional;

/** What a mapping may look up while it runs. Thread-safe. */
public interface MappingContext {

  /**
   * The target item id of a linked source record, through the id map of the connection that syncs
   * {@code sourceTableId}.
   */
  Optional<String> itemIdFor(String sourceTableId, String recordId);

  /** A context that knows no links. */
  MappingContext NONE = (table, record) -> Optional.empty();
}
