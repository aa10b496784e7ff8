package dev.syncengine.core.spi;

import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.NamedRef;
import java.util.List;

/**
 * What every adapter has: its type, and discovery for the connection wizard. Containers are
 * SmartSuite solutions or Webflow sites; collections are tables or CMS collections.
 */
public interface Adapter {

  /** The {@link dev.syncengine.core.model.ResourceRef#type()} this adapter serves. */
  String type();

  /**
   * The containers the draft's credentials can see.
   *
   * @param draft a connection that may not be saved yet; only its credentials are read
   * @throws SyncException when the credentials are refused or the service is unreachable
   */
  default List<NamedRef> containers(ConnectionConfig draft) {
    return List.of();
  }

  /**
   * The collections of one container.
   *
   * @throws SyncException when the credentials are refused or the service is unreachable
   */
  default List<NamedRef> collections(ConnectionConfig draft, String containerId) {
    return List.of();
  }

  /**
   * Checks the draft's credentials with one cheap authenticated call.
   *
   * @throws SyncException saying why they are refused (never echoing them)
   */
  default void verifyCredentials(ConnectionConfig draft) {}
}
