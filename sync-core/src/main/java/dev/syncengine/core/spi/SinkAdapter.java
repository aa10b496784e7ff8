package dev.syncengine.core.spi;

import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.TargetSchema;
import java.util.List;

/**
 * Where items go (Webflow). Implementations are thread-safe, batch the ops into as few calls as the
 * target allows, pace themselves under its rate limit, and never create two items for one record.
 */
public interface SinkAdapter {

  /** The {@link dev.syncengine.core.model.ResourceRef#type()} this adapter serves. */
  String type();

  /**
   * Discovery for the connection wizard: the sites the draft's credentials can see.
   *
   * @param draft a connection that may not be saved yet; only its credentials are read
   * @throws SyncException when the credentials are refused or the service is unreachable
   */
  default java.util.List<dev.syncengine.core.model.NamedRef> containers(ConnectionConfig draft) {
    return java.util.List.of();
  }

  /**
   * Discovery for the connection wizard: the collections of a site.
   *
   * @throws SyncException when the credentials are refused or the service is unreachable
   */
  default java.util.List<dev.syncengine.core.model.NamedRef> collections(
      ConnectionConfig draft, String containerId) {
    return java.util.List.of();
  }

  /**
   * Checks the draft's credentials with one cheap authenticated call.
   *
   * @throws SyncException saying why they are refused (never echoing them)
   */
  default void verifyCredentials(ConnectionConfig draft) {}

  /** The collection's schema; the engine caches it. */
  TargetSchema schema(ConnectionConfig connection);

  /**
   * Writes a batch (at most the connection's batch size) and publishes per its publish mode.
   * Item-level failures are isolated: one result per op, in any order.
   *
   * @throws SyncException when the whole batch failed (e.g. unauthorized, target unreachable)
   */
  List<WriteResult> write(ConnectionConfig connection, List<WriteOp> ops);
}
