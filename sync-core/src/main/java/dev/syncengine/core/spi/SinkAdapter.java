package dev.syncengine.core.spi;

import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.TargetSchema;
import java.time.Duration;
import java.util.List;

/**
 * Where items go (Webflow). Implementations are thread-safe, batch the ops into as few calls as the
 * target allows, pace themselves under its rate limit, and never create two items for one record.
 */
public interface SinkAdapter extends Adapter {

  /**
   * Opens the session the engine uses for one connection; the engine caches it per connection and
   * config and closes it when either changes. Must be cheap and make no outbound call. Adapters
   * should return a session that holds the connection's client (sharing one rate limiter per API
   * token); the default binds the config-carrying methods below to {@code connection}, for adapters
   * written before sessions.
   */
  default SinkSession open(ConnectionConfig connection) {
    return new BoundSinkSession(this, connection);
  }

  /** The collection's schema; the engine caches it. */
  TargetSchema schema(ConnectionConfig connection);

  /**
   * Writes a batch (at most the connection's batch size) and publishes per its publish mode.
   * Item-level failures are isolated: one result per op, in any order.
   *
   * @throws SyncException when the whole batch failed (e.g. unauthorized, target unreachable)
   */
  List<WriteResult> write(ConnectionConfig connection, List<WriteOp> ops);

  /**
   * Like {@link #write(ConnectionConfig, List)}, recording each create's key through {@code
   * intents} before the create is sent (what the engine calls). The default ignores {@code
   * intents}: sinks that can find an item by a key they chose should override it.
   *
   * @throws SyncException when the whole batch failed
   */
  default List<WriteResult> write(
      ConnectionConfig connection, List<WriteOp> ops, CreateIntents intents) {
    return write(connection, ops);
  }

  /**
   * How long a write for {@code connection} issued now would wait for the target's rate limit
   * before its first request could start: zero while a request slot is free. The engine writes at
   * once while a slot is free and otherwise lets changes gather until the slot opens, so that one
   * request carries all of them. The default says a slot is always free.
   */
  default Duration untilNextWrite(ConnectionConfig connection) {
    return Duration.ZERO;
  }
}
