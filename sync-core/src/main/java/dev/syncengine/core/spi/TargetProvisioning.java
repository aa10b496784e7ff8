package dev.syncengine.core.spi;

import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.TargetField;
import dev.syncengine.core.model.TargetKind;
import dev.syncengine.core.model.TargetSchema;
import dev.syncengine.core.provision.ProposedField;
import java.util.Optional;

/**
 * Optional capability of a {@link SinkAdapter}: creating collections and fields, for provisioning a
 * connection's target from its source table. The engine checks {@code sink instanceof
 * TargetProvisioning}. Every method takes the connection for its credentials; the container (a
 * Webflow site) is {@code connection.target().parentId()}.
 *
 * <p>Creates must be safe to retry after a crash or a timeout: the engine looks a collection up by
 * slug ({@link #findCollection}) and a field up in the collection's schema before creating it, and
 * implementations must resolve an unknown outcome the same way rather than create a second one.
 *
 * <p>Thread-safe.
 */
public interface TargetProvisioning {

  /**
   * The collection with this slug in the connection's container, with its fields.
   *
   * @throws SyncException when the target refuses or cannot be reached
   */
  Optional<TargetSchema> findCollection(ConnectionConfig connection, String slug);

  /**
   * Creates a collection without fields of its own (the target adds its required ones, e.g. name
   * and slug), or returns the one that a lost earlier attempt made.
   *
   * @throws SyncException when the target refuses (e.g. a name in use) or cannot be reached
   */
  TargetSchema createCollection(
      ConnectionConfig connection, String name, String singularName, String slug);

  /**
   * Creates one field in a collection, or returns the field of that slug a lost earlier attempt
   * made. A reference field refers to {@code referenceCollectionId}.
   *
   * @throws SyncException when the target refuses the field (a kind it cannot create, a slug taken
   *     by a field of another type) or cannot be reached
   */
  TargetField createField(
      ConnectionConfig connection,
      String collectionId,
      ProposedField field,
      String referenceCollectionId);

  /** Whether fields of this kind can be created through the target's API. */
  boolean canCreate(TargetKind kind);

  /** The target's name of the type it creates for a kind, e.g. {@code PlainText}; null if none. */
  String typeName(TargetKind kind);
}
