package dev.syncengine.core.internal;

import dev.syncengine.core.model.ConnectionConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open adapter session per connection, for the config it was opened with: opened lazily, reused
 * while the connection's config stays equal, closed and replaced when it changes, closed on {@link
 * #drop} and {@link #closeAll}. Thread-safe; a session is closed outside the map's lock.
 */
final class SessionCache<S extends AutoCloseable> {
  private static final Logger log = LoggerFactory.getLogger(SessionCache.class);

  private record Open<S>(ConnectionConfig config, S session) {}

  private final Map<String, Open<S>> open = new ConcurrentHashMap<>();
  private final Function<ConnectionConfig, S> opener;

  SessionCache(Function<ConnectionConfig, S> opener) {
    this.opener = opener;
  }

  /**
   * The session for {@code c}, opening it (and closing one opened for another config) if need be.
   */
  S get(ConnectionConfig c) {
    Open<S> o = open.get(c.id());
    if (o != null && o.config().equals(c)) {
      return o.session();
    }
    List<S> stale = new ArrayList<>(1);
    Open<S> now =
        open.compute(
            c.id(),
            (id, cur) -> {
              if (cur != null && cur.config().equals(c)) {
                return cur;
              }
              if (cur != null) {
                stale.add(cur.session());
              }
              return new Open<>(c, opener.apply(c));
            });
    stale.forEach(s -> close(c.id(), s));
    return now.session();
  }

  /** Closes and forgets the session of a connection, if one is open. */
  void drop(String connectionId) {
    Open<S> o = open.remove(connectionId);
    if (o != null) {
      close(connectionId, o.session());
    }
  }

  /** Closes and forgets every session. */
  void closeAll() {
    for (String id : List.copyOf(open.keySet())) {
      drop(id);
    }
  }

  private static void close(String connectionId, AutoCloseable s) {
    try {
      s.close();
    } catch (Exception e) {
      log.warn("connection {}: closing an adapter session failed: {}", connectionId, e.toString());
    }
  }
}
