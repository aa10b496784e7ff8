package dev.syncengine.core.spi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.MappingVersion;
import java.util.List;
import java.util.Optional;

/**
 * Connections and their versioned mappings. Durable implementations encrypt credentials at rest.
 * Thread-safe.
 */
public interface ConnectionStore {
  List<ConnectionConfig> list();

  Optional<ConnectionConfig> find(String connectionId);

  /** Inserts or replaces. */
  void save(ConnectionConfig connection);

  /** Deletes the connection and its mappings; false if it did not exist. */
  boolean delete(String connectionId);

  /** Saves a new mapping version and returns it. */
  MappingVersion saveMapping(String connectionId, JsonNode spec);

  /** The newest mapping version. */
  Optional<MappingVersion> mapping(String connectionId);

  /** Every version, newest first. */
  List<MappingVersion> mappingHistory(String connectionId);
}
