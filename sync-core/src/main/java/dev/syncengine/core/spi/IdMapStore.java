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

  /**
   * Inserts or replaces; callers carry the previous snapshot forward themselves. Forgets the
   * record's create intent (the item it names is now known).
   */
  void put(IdMapping mapping);

  /** Forgets the record's mapping and its create intent. */
  void delete(String connectionId, String recordId);

  /**
   * Durably records, replacing earlier ones, the create key each record's item is about to be
   * created under (see {@link CreateIntents}); kept until a {@link #put} or {@link #delete} of the
   * record. Called before every create request, so one write (one transaction) for all. The default
   * records nothing: a store that keeps it offers no protection against duplicates after a crash
   * between a create and the recording of its item id.
   *
   * @param keyByRecordId source record id → create key (at most 1024 characters)
   */
  default void recordCreateIntents(String connectionId, Map<String, String> keyByRecordId) {}

  /** The create keys recorded for these records; records without one are absent. */
  default Map<String, String> findCreateIntents(String connectionId, Collection<String> recordIds) {
    return Map.of();
  }

  /**
   * Applies many puts and deletes at once (one transaction in durable stores): what a worker
   * records after one bulk write. Like {@link #put} and {@link #delete}, it forgets the create
   * intents of the records it touches.
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
