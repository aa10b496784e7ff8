package dev.syncengine.core.memory;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.MappingVersion;
import dev.syncengine.core.spi.ConnectionStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link ConnectionStore} in memory. Thread-safe. */
public final class InMemoryConnectionStore implements ConnectionStore {
  private final Clock clock;
  private final Map<String, ConnectionConfig> connections = new TreeMap<>();
  private final Map<String, List<MappingVersion>> mappings = new ConcurrentHashMap<>();

  public InMemoryConnectionStore(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized List<ConnectionConfig> list() {
    return List.copyOf(connections.values());
  }

  @Override
  public synchronized Optional<ConnectionConfig> find(String connectionId) {
    return Optional.ofNullable(connections.get(connectionId));
  }

  @Override
  public synchronized void save(ConnectionConfig connection) {
    connections.put(connection.id(), connection);
  }

  @Override
  public synchronized boolean delete(String connectionId) {
    mappings.remove(connectionId);
    return connections.remove(connectionId) != null;
  }

  @Override
  public synchronized MappingVersion saveMapping(String connectionId, JsonNode spec) {
    List<MappingVersion> versions = mappings.computeIfAbsent(connectionId, k -> new ArrayList<>());
    MappingVersion v =
        new MappingVersion(connectionId, versions.size() + 1, spec.deepCopy(), clock.instant());
    versions.add(v);
    return v;
  }

  @Override
  public synchronized Optional<MappingVersion> mapping(String connectionId) {
    List<MappingVersion> versions = mappings.get(connectionId);
    return versions == null || versions.isEmpty()
        ? Optional.empty()
        : Optional.of(versions.get(versions.size() - 1));
  }

  @Override
  public synchronized List<MappingVersion> mappingHistory(String connectionId) {
    List<MappingVersion> versions = new ArrayList<>(mappings.getOrDefault(connectionId, List.of()));
    java.util.Collections.reverse(versions);
    return versions;
  }
}
