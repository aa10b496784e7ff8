package dev.syncengine.core.spi;

import java.util.Optional;

/** Named cursors per connection: event page tokens, backfill positions, polling marks. */
public interface CursorStore {
  Optional<String> get(String connectionId, String name);

  void put(String connectionId, String name, String value);

  void delete(String connectionId, String name);
}
