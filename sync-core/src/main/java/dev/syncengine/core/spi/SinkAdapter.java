package dev.syncengine.core.spi;

import dev.syncengine.core.model.ConnectionConfig;

/**
 * Where items go (Webflow): a factory of {@link SinkSession}s, one per connection, plus the
 * discovery calls of {@link Adapter}, which take a draft's credentials. Implementations are
 * thread-safe.
 *
 * <pre>{@code
 * SinkSession session = sink.open(connection);   // cheap, no outbound call
 * List<WriteResult> results = session.write(ops, CreateIntents.NONE);
 * session.close();
 * }</pre>
 */
public interface SinkAdapter extends Adapter {

  /**
   * Opens the session the engine uses for one connection; the engine caches it per connection and
   * config and closes it when either changes. Must be cheap and make no outbound call, and must not
   * fail for missing credentials: the calls that need them fail instead. The session holds what the
   * connection needs, typically its API client; sessions of connections sharing an API token must
   * share one rate limiter, kept outside the session.
   */
  SinkSession open(ConnectionConfig connection);
}
