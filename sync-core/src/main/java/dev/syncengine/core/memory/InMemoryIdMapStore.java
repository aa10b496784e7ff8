package dev.syncengine.core.memory;

import dev.syncengine.core.model.IdMapping;
import dev.syncengine.core.spi.IdMapStore;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** An {@link IdMapStore} in memory. Thread-safe. */
public final class InMemoryIdMapStore implements IdMapStore {
  private final Map<String, ConcurrentSkipListMap<String, IdMapping>> byConnection =
      new ConcurrentHashMap<>();
  private final Map<String, Map<String, String>> intents = new ConcurrentHashMap<>();

  private ConcurrentSkipListMap<String, IdMapping> of(String connectionId) {
    return byConnection.computeIfAbsent(connectionId, k -> new ConcurrentSkipListMap<>());
  }

  private Map<String, String> intentsOf(String connectionId) {
    return intents.computeIfAbsent(connectionId, k -> new ConcurrentHashMap<>());
  }

  @Override
  public Optional<IdMapping> find(String connectionId, String recordId) {
    return Optional.ofNullable(of(connectionId).get(recordId));
  }

  @Override
  public Optional<IdMapping> findByItemId(String connectionId, String itemId) {
    return of(connectionId).values().stream().filter(m -> itemId.equals(m.itemId())).findFirst();
  }

  @Override
  public Map<String, IdMapping> findAll(String connectionId, Collection<String> recordIds) {
    Map<String, IdMapping> found = new HashMap<>();
    var map = of(connectionId);
    for (String id : recordIds) {
      IdMapping m = map.get(id);
      if (m != null) {
        found.put(id, m);
      }
    }
    return found;
  }

  @Override
  public void put(IdMapping mapping) {
    of(mapping.connectionId()).put(mapping.recordId(), mapping);
    intentsOf(mapping.connectionId()).remove(mapping.recordId());
  }

  @Override
  public void delete(String connectionId, String recordId) {
    of(connectionId).remove(recordId);
    intentsOf(connectionId).remove(recordId);
  }

  @Override
  public void recordCreateIntents(String connectionId, Map<String, String> keyByRecordId) {
    intentsOf(connectionId).putAll(Map.copyOf(keyByRecordId));
  }

  @Override
  public Map<String, String> findCreateIntents(String connectionId, Collection<String> recordIds) {
    Map<String, String> all = intentsOf(connectionId);
    Map<String, String> found = new HashMap<>();
    for (String id : recordIds) {
      String key = all.get(id);
      if (key != null) {
        found.put(id, key);
      }
    }
    return found;
  }

  @Override
  public List<IdMapping> list(String connectionId, String afterRecordId, int limit) {
    var map = of(connectionId);
    var tail = afterRecordId == null ? map : map.tailMap(afterRecordId, false);
    return tail.values().stream().limit(limit).toList();
  }

  @Override
  public long count(String connectionId) {
    return of(connectionId).size();
  }
}
