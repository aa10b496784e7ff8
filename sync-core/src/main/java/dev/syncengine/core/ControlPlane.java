package dev.syncengine.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncengine.core.mapping.MappingCompiler;
import dev.syncengine.core.mapping.MappingValidationException;
import dev.syncengine.core.mapping.Preview;
import dev.syncengine.core.mapping.SuggestedMapping;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.MappingVersion;
import dev.syncengine.core.model.NamedRef;
import dev.syncengine.core.model.SourceRecord;
import dev.syncengine.core.model.SourceSchema;
import dev.syncengine.core.model.TargetField;
import dev.syncengine.core.model.TargetSchema;
import dev.syncengine.core.provision.CollectionProposal;
import dev.syncengine.core.provision.ProposalException;
import dev.syncengine.core.provision.ProposedField;
import dev.syncengine.core.provision.ProvisionResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Every change an administrator makes, with all its steps ({@link SyncEngine#admin()}): the admin
 * API and a host's own controllers call this, never the stores. Each write is stored and the
 * engine's caches forgotten, so the next delivery and the next write use it.
 *
 * <pre>{@code
 * ControlPlane admin = engine.admin();
 * admin.create(connection);
 * admin.saveMapping(connection.id(), spec);   // refused when the document has errors
 * admin.backfill(connection.id());
 * admin.delete(connection.id());              // stops its backfill, unsubscribes, drops its queue
 * }</pre>
 *
 * <p>Methods taking a {@code connectionId} throw {@link IllegalArgumentException} for an unknown
 * connection unless documented otherwise. Methods that call an adapter throw {@link
 * IllegalStateException} when no adapter of the connection's type is registered ({@link
 * Inspector#sourceTypes()}), and pass on the adapter's {@link
 * dev.syncengine.core.spi.SyncException} or {@link
 * dev.syncengine.core.model.MissingCredentialException}.
 *
 * <p>Thread-safe.
 */
public interface ControlPlane {

  /** A side of a connection, for discovery. */
  enum Side {
    SOURCE,
    TARGET
  }

  /**
   * Stores a new connection.
   *
   * @throws IllegalStateException when a connection with its id exists
   * @throws IllegalArgumentException when no adapter serves its source or target type
   * @throws dev.syncengine.core.model.InvalidOptionException when an option holds a value the
   *     engine does not accept (the two-way options of {@link TwoWay}; an item id field is checked
   *     against the source's schema, so this may also pass on the source's {@link
   *     dev.syncengine.core.spi.SyncException})
   */
  ConnectionConfig create(ConnectionConfig connection);

  /**
   * Replaces a stored connection (same id).
   *
   * @throws IllegalArgumentException for an unknown connection, or when no adapter serves its
   *     source or target type
   * @throws dev.syncengine.core.model.InvalidOptionException as {@link #create}; an item id field
   *     that did not change is not read from the source again
   */
  ConnectionConfig update(ConnectionConfig connection);

  /** Stops the connection's changes from being written (deliveries are still accepted). */
  ConnectionConfig pause(String connectionId);

  /** Lets the connection's changes be written again, waking the workers. */
  ConnectionConfig resume(String connectionId);

  /**
   * Deletes a connection: cancels its backfill, removes the source's webhook (a failure is logged
   * and does not stop the delete), deletes the connection, its mappings and its queue rows.
   *
   * @return false when there was no such connection
   */
  boolean delete(String connectionId);

  /** Asks the source adapter whether the connection's (or a draft's) credentials work. */
  CredentialCheck checkSourceCredentials(ConnectionConfig connection);

  /** Asks the target adapter whether the connection's (or a draft's) credentials work. */
  CredentialCheck checkTargetCredentials(ConnectionConfig connection);

  /**
   * What one side's adapter lists at the top level (SmartSuite solutions, Webflow sites) for a
   * connection or a draft that carries credentials.
   */
  List<NamedRef> containers(Side side, ConnectionConfig connection);

  /** What one side's adapter lists in a container (tables, collections). */
  List<NamedRef> collections(Side side, ConnectionConfig connection, String containerId);

  /** The source table's schema, read from the source now. */
  SourceSchema sourceSchema(ConnectionConfig connection);

  /** The target collection's schema, read from the target now. */
  TargetSchema targetSchema(ConnectionConfig connection);

  /**
   * Every error and warning of a mapping document for the connection's schemas ({@link
   * MappingCompiler#validate}).
   */
  List<MappingValidationException.Problem> validateMapping(String connectionId, JsonNode spec);

  /**
   * Validates a mapping document and stores it as the connection's next version; the next write
   * uses it.
   *
   * @return the stored version and the document's warnings
   * @throws MappingValidationException when the document has errors (nothing is stored); its
   *     problems are every error and warning
   */
  SavedMapping saveMapping(String connectionId, JsonNode spec) throws MappingValidationException;

  /**
   * A stored mapping document.
   *
   * @param version the new version
   * @param warnings what {@link #validateMapping} found that did not stop it (no errors)
   */
  record SavedMapping(MappingVersion version, List<MappingValidationException.Problem> warnings) {
    public SavedMapping {
      warnings = List.copyOf(warnings);
    }
  }

  /** Tries a mapping document on one record ({@link MappingCompiler#preview}); never stores. */
  Preview previewMapping(String connectionId, JsonNode spec, SourceRecord sample);

  /**
   * Each field's owner and whether its rule can be inverted ({@link MappingCompiler#directions}),
   * for the mapping editor. Default: none known.
   */
  default List<dev.syncengine.core.mapping.FieldDirection> mappingDirections(
      String connectionId, JsonNode spec) {
    return List.of();
  }

  /** Proposes a mapping for the connection's schemas ({@link MappingCompiler#suggest}). */
  SuggestedMapping suggestMapping(String connectionId);

  /**
   * Proposes a target collection for the connection's source table: one field per source field of
   * the best fitting kind, options for choice fields, references to the collections of connections
   * on the same site that sync the linked tables. Creates nothing.
   *
   * @throws IllegalStateException when the target adapter cannot create collections
   */
  CollectionProposal proposeCollection(String connectionId);

  /**
   * Creates the proposed collection in the connection's container ({@code target.parentId}), then
   * its fields (references last), points the connection at it and saves the mapping that fills
   * every created field from its source field. Safe to retry: a collection with the proposal's
   * slug, and fields with its slugs, are found and kept rather than created again.
   *
   * @throws ProposalException when the proposal cannot be provisioned (nothing is created)
   * @throws MappingValidationException when the saved mapping does not validate (the collection
   *     exists by then; fix the mapping and save it)
   */
  ProvisionResult provisionCollection(String connectionId, CollectionProposal proposal)
      throws MappingValidationException;

  /**
   * Adds one field to the connection's collection (or finds it there by slug, of the same kind),
   * for a source field a mapping is about to write. Does not change the mapping.
   *
   * @throws ProposalException when the field cannot be created as described
   */
  TargetField addTargetField(String connectionId, ProposedField field);

  /** One record, fetched from the source now (e.g. as a preview sample). */
  Optional<SourceRecord> sourceRecord(String connectionId, String recordId);

  /** The source table's first record, fetched now (the default preview sample). */
  Optional<SourceRecord> firstSourceRecord(String connectionId);

  /**
   * Sends a dead job back to the queue with its attempts reset.
   *
   * @return false when there is no such job or it is not dead
   */
  boolean replay(long jobId);

  /**
   * Moves a pending or dead job to dead letter with a reason.
   *
   * @return false when there is no such job or it is in another state
   */
  boolean markDead(long jobId, String reason);

  /**
   * Queues one record to be fetched from the source and written again, newer than any version
   * written or queued. A record deleted at the source after it was synced is resynced as a delete.
   *
   * @return the job id, or empty when the record is not at the source and was never synced
   */
  OptionalLong resync(String connectionId, String recordId);

  /**
   * Registers (or repairs) the source's webhook, pointing at the URL the {@link
   * SyncEngine.Builder#webhookUrl} resolver gives, and stores the webhook id on the connection.
   *
   * @throws IllegalStateException when no webhook URL resolver is configured
   */
  Map<String, String> registerWebhook(String connectionId);

  /**
   * Registers (or repairs) the source's webhook to notify {@code url}, and stores the webhook id on
   * the connection. A failure is logged at WARN, counted ({@link
   * SyncListener#webhookRegistrationFailed}), kept in {@link SyncEngine#problems} and the webhook
   * status, then rethrown.
   */
  Map<String, String> registerWebhook(String connectionId, String url);

  /** Runs the source adapter's webhook upkeep now and answers its status. */
  Map<String, String> checkWebhook(String connectionId);

  /** Removes the source's webhook. */
  void unregisterWebhook(String connectionId);

  /** Starts (or resumes) a backfill: every source record is queued through the normal path. */
  BackfillStatus backfill(String connectionId);

  /**
   * Starts a reconcile: queues records changed since they were written, and deletes for records
   * gone from the source.
   */
  BackfillStatus reconcile(String connectionId);

  /**
   * Stops the connection's backfill or reconcile.
   *
   * @return false when none was running (an unknown connection included)
   */
  boolean cancelBackfill(String connectionId);

  /** The last backfill or reconcile of the connection (empty for an unknown one). */
  Optional<BackfillStatus> backfillStatus(String connectionId);

  /** Blocks until the connection's backfill or reconcile ends. */
  void awaitBackfill(String connectionId) throws Exception;
}
