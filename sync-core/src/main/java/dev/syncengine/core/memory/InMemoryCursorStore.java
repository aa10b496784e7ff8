package dev.syncengine.core.memory;

import dev.syncengine.core.spi.CursorStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link CursorStore} in memory. Thread-safe. */
public final class InMemoryCursorStore implements CursorStore {
  private final Map<String, String> cursors = new ConcurrentHashMap<>();

  private static String key(String connectionId, String name) {
    return connectionId + '\u0000' + name;
  }

  @Override
  public Optional<String> get(String connectionId, String name) {
    return Optional.ofNullable(cursors.get(key(connectionId, name)));
  }

  @Override
  public void put(String connectionId, String name, String value) {
    cursors.put(key(connectionId, name), value);
  }

  @Override
  public void delete(String connectionId, String name) {
    cursors.remove(key(connectionId, name));
  }
}
