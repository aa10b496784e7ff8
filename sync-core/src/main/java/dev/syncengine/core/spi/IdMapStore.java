package dev.syncengine.core.spi;

import dev.syncengine.core.model.IdMapping;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Source record id ↔ target item id, with the last written snapshot. Thread-safe. */
public interface IdMapStore {
  Optional<IdMapping> find(String connectionId, String recordId);

  Optional<IdMapping> findByItemId(String connectionId, String itemId);

  /** Batch lookup; records without a mapping are absent from the result. */
  Map<String, IdMapping> findAll(String connectionId, Collection<String> recordIds);

  /** Inserts or replaces; callers carry the previous snapshot forward themselves. */
  void put(IdMapping mapping);

  void delete(String connectionId, String recordId);

  /**
   * Applies many puts and deletes at once (one transaction in durable stores): what a worker
   * records after one bulk write.
   *
   * @param puts mappings to insert or replace
   * @param deletes record ids to forget, per connection
   */
  default void apply(Collection<IdMapping> puts, Map<String, List<String>> deletes) {
    puts.forEach(this::put);
    deletes.forEach((connection, records) -> records.forEach(r -> delete(connection, r)));
  }

  /** Pages through a connection's mappings in record id order, after {@code afterRecordId}. */
  List<IdMapping> list(String connectionId, String afterRecordId, int limit);

  long count(String connectionId);
}
