package dev.syncengine.smartsuite.internal;

import dev.syncengine.core.model.ConnectionConfig;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/** Logs each warning once per connection, remembering at most 10,000. Thread-safe. */
public final class OnceWarnings {
  private final Logger log;
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  public OnceWarnings(Logger log) {
    this.log = log;
  }

  public void warn(ConnectionConfig connection, String warning) {
    // Bounded: a table with many bad values must not grow this set without limit.
    if (warned.size() < 10_000 && warned.add(connection.id() + "|" + warning)) {
      log.warn("connection {}: {}", connection.id(), warning);
    }
  }
}
