package dev.syncengine.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncengine.core.BackfillStatus;
import dev.syncengine.core.ControlPlane;
import dev.syncengine.core.CredentialCheck;
import dev.syncengine.core.mapping.FieldDirection;
import dev.syncengine.core.mapping.MappingContext;
import dev.syncengine.core.mapping.MappingValidationException;
import dev.syncengine.core.mapping.MappingValidationException.Problem;
import dev.syncengine.core.mapping.Preview;
import dev.syncengine.core.mapping.SuggestedMapping;
import dev.syncengine.core.model.ChangeEvent;
import dev.syncengine.core.model.ChangeKind;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.IdMapping;
import dev.syncengine.core.model.Job;
import dev.syncengine.core.model.MappingVersion;
import dev.syncengine.core.model.NamedRef;
import dev.syncengine.core.model.SourceRecord;
import dev.syncengine.core.model.SourceSchema;
import dev.syncengine.core.model.TargetField;
import dev.syncengine.core.model.TargetSchema;
import dev.syncengine.core.provision.CollectionProposal;
import dev.syncengine.core.provision.ProposedField;
import dev.syncengine.core.provision.ProvisionResult;
import dev.syncengine.core.spi.SinkSession;
import dev.syncengine.core.spi.SourceAdapter;
import dev.syncengine.core.spi.SourceSession;
import dev.syncengine.core.spi.Stores;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ControlPlane} on the stores, the adapters, the backfiller and webhook upkeep: every write
 * is followed by forgetting the connection's cached config, schemas and mapping. Thread-safe.
 */
public final class AdminService implements ControlPlane {
  private static final Logger log = LoggerFactory.getLogger(AdminService.class);

  private final Stores stores;
  private final ConnectionRuntime runtime;
  private final Backfiller backfiller;
  private final Maintenance maintenance;
  private final Runnable wake;
  private final Clock clock;
  private final Provisioner provisioner;

  /**
   * @param wake wakes idle workers (after a resume, a replay, a resync)
   */
  public AdminService(
      Stores stores,
      ConnectionRuntime runtime,
      Backfiller backfiller,
      Maintenance maintenance,
      Runnable wake,
      Clock clock) {
    this.stores = stores;
    this.runtime = runtime;
    this.backfiller = backfiller;
    this.maintenance = maintenance;
    this.wake = wake;
    this.clock = clock;
    this.provisioner = new Provisioner(stores, runtime);
  }

  private ConnectionConfig require(String connectionId) {
    Objects.requireNonNull(connectionId, "connectionId");
    return stores
        .connections()
        .find(connectionId)
        .orElseThrow(
            () -> new IllegalArgumentException("unknown connection '" + connectionId + "'"));
  }

  private void requireAdapters(ConnectionConfig c) {
    if (!runtime.sourceTypes().contains(c.source().type())) {
      throw new IllegalArgumentException("no source adapter of type '" + c.source().type() + "'");
    }
    if (!runtime.sinkTypes().contains(c.target().type())) {
      throw new IllegalArgumentException("no target adapter of type '" + c.target().type() + "'");
    }
  }

  private ConnectionConfig save(ConnectionConfig c) {
    stores.connections().save(c);
    runtime.invalidate(c.id());
    runtime.drop(c.id());
    return c;
  }

  @Override
  public synchronized ConnectionConfig create(ConnectionConfig connection) {
    requireAdapters(connection);
    if (stores.connections().find(connection.id()).isPresent()) {
      throw new IllegalStateException("a connection '" + connection.id() + "' exists");
    }
    TwoWayOptionsCheck.check(connection, null, () -> sourceSchema(connection));
    save(connection);
    log.info("connection {} created", connection.id());
    return connection;
  }

  @Override
  public ConnectionConfig update(ConnectionConfig connection) {
    ConnectionConfig previous = require(connection.id());
    requireAdapters(connection);
    TwoWayOptionsCheck.check(connection, previous, () -> sourceSchema(connection));
    save(connection);
    log.info("connection {} updated", connection.id());
    return connection;
  }

  @Override
  public ConnectionConfig pause(String connectionId) {
    ConnectionConfig c = save(require(connectionId).toBuilder().paused(true).build());
    log.info("connection {} paused", c.id());
    return c;
  }

  @Override
  public ConnectionConfig resume(String connectionId) {
    ConnectionConfig c = save(require(connectionId).toBuilder().paused(false).build());
    wake.run();
    log.info("connection {} resumed", c.id());
    return c;
  }

  @Override
  public boolean delete(String connectionId) {
    Optional<ConnectionConfig> found = stores.connections().find(connectionId);
    if (found.isEmpty()) {
      return false;
    }
    ConnectionConfig c = found.get();
    backfiller.cancel(c.id());
    try {
      runtime.sourceSession(c).unsubscribe();
    } catch (RuntimeException e) {
      log.warn("connection {}: could not remove the source webhook: {}", c.id(), e.toString());
    }
    stores.connections().delete(c.id());
    stores.jobs().deleteConnection(c.id());
    stores.targetChanges().deleteConnection(c.id());
    runtime.invalidate(c.id());
    runtime.drop(c.id());
    log.info("connection {} deleted", c.id());
    return true;
  }

  @Override
  public CredentialCheck checkSourceCredentials(ConnectionConfig connection) {
    return CredentialChecks.run(() -> runtime.source(connection).verifyCredentials(connection));
  }

  @Override
  public CredentialCheck checkTargetCredentials(ConnectionConfig connection) {
    return CredentialChecks.run(() -> runtime.sink(connection).verifyCredentials(connection));
  }

  @Override
  public List<NamedRef> containers(Side side, ConnectionConfig connection) {
    return side == Side.SOURCE
        ? runtime.source(connection).containers(connection)
        : runtime.sink(connection).containers(connection);
  }

  @Override
  public List<NamedRef> collections(Side side, ConnectionConfig connection, String containerId) {
    return side == Side.SOURCE
        ? runtime.source(connection).collections(connection, containerId)
        : runtime.sink(connection).collections(connection, containerId);
  }

  @Override
  public SourceSchema sourceSchema(ConnectionConfig connection) {
    // A draft, maybe unsaved: a short-lived session, never the connection's cached one.
    try (SourceSession s = runtime.source(connection).open(connection)) {
      return s.schema();
    }
  }

  @Override
  public TargetSchema targetSchema(ConnectionConfig connection) {
    try (SinkSession s = runtime.sink(connection).open(connection)) {
      return s.schema();
    }
  }

  @Override
  public List<Problem> validateMapping(String connectionId, JsonNode spec) {
    ConnectionConfig c = require(connectionId);
    return runtime.compiler().validate(spec, sourceSchema(c), targetSchema(c));
  }

  @Override
  public SavedMapping saveMapping(String connectionId, JsonNode spec)
      throws MappingValidationException {
    List<Problem> problems = validateMapping(connectionId, spec);
    if (problems.stream().anyMatch(Problem::error)) {
      throw new MappingValidationException(problems);
    }
    MappingVersion v = stores.connections().saveMapping(connectionId, spec);
    runtime.invalidate(connectionId);
    log.info("connection {}: mapping version {} saved", connectionId, v.version());
    return new SavedMapping(v, problems);
  }

  @Override
  public Preview previewMapping(String connectionId, JsonNode spec, SourceRecord sample) {
    ConnectionConfig c = require(connectionId);
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(sample, "sample");
    return runtime.compiler().preview(spec, sourceSchema(c), targetSchema(c), sample, links());
  }

  @Override
  public List<FieldDirection> mappingDirections(String connectionId, JsonNode spec) {
    ConnectionConfig c = require(connectionId);
    return runtime.compiler().directions(spec, sourceSchema(c), targetSchema(c));
  }

  /** Linked records resolve to the items of the connection that syncs their table. */
  private MappingContext links() {
    return (tableId, recordId) -> {
      for (ConnectionConfig other : stores.connections().list()) {
        if (other.source().id().equals(tableId)) {
          return stores.idMap().find(other.id(), recordId).map(IdMapping::itemId);
        }
      }
      return Optional.empty();
    };
  }

  @Override
  public SuggestedMapping suggestMapping(String connectionId) {
    ConnectionConfig c = require(connectionId);
    return runtime.compiler().suggest(sourceSchema(c), targetSchema(c));
  }

  @Override
  public CollectionProposal proposeCollection(String connectionId) {
    return provisioner.propose(require(connectionId));
  }

  @Override
  public ProvisionResult provisionCollection(String connectionId, CollectionProposal proposal)
      throws MappingValidationException {
    Objects.requireNonNull(proposal, "proposal");
    return provisioner.provision(
        require(connectionId), proposal, (id, spec) -> saveMapping(id, spec));
  }

  @Override
  public TargetField addTargetField(String connectionId, ProposedField field) {
    return provisioner.addField(require(connectionId), Objects.requireNonNull(field, "field"));
  }

  @Override
  public Optional<SourceRecord> sourceRecord(String connectionId, String recordId) {
    ConnectionConfig c = require(connectionId);
    Objects.requireNonNull(recordId, "recordId");
    SourceAdapter.PendingChange change =
        new SourceAdapter.PendingChange(recordId, clock.instant(), null);
    return Optional.ofNullable(runtime.sourceSession(c).resolve(List.of(change)).get(recordId));
  }

  @Override
  public Optional<SourceRecord> firstSourceRecord(String connectionId) {
    ConnectionConfig c = require(connectionId);
    return runtime.sourceSession(c).list(null, 1, null).records().stream().findFirst();
  }

  @Override
  public boolean replay(long jobId) {
    boolean ok = stores.jobs().replay(jobId);
    if (ok) {
      wake.run();
    }
    return ok;
  }

  @Override
  public boolean markDead(long jobId, String reason) {
    return stores.jobs().markDead(jobId, Objects.requireNonNull(reason, "reason"));
  }

  @Override
  public OptionalLong resync(String connectionId, String recordId) {
    ConnectionConfig c = require(connectionId);
    Instant now = clock.instant();
    Optional<IdMapping> m = stores.idMap().find(c.id(), recordId);
    Optional<Job> pending = stores.jobs().findByRecord(c.id(), recordId);
    if (m.isEmpty() && pending.isEmpty() && sourceRecord(c.id(), recordId).isEmpty()) {
      // one that was never synced and is not at the source is a mistyped id
      return OptionalLong.empty();
    }
    // The newest version known, so the change is neither stale nor skipped as already written.
    Instant version = now;
    if (m.isPresent()
        && m.get().sourceVersion() != null
        && !m.get().sourceVersion().isBefore(version)) {
      version = m.get().sourceVersion().plusMillis(1);
    }
    if (pending.isPresent() && pending.get().sourceVersion().isAfter(version)) {
      version = pending.get().sourceVersion();
    }
    // No payload: the worker fetches the record fresh from the source.
    ChangeEvent e = new ChangeEvent(c.id(), recordId, ChangeKind.UPSERT, version, null, null, now);
    long jobId = stores.jobs().enqueue(List.of(e)).get(0).jobId();
    wake.run();
    return OptionalLong.of(jobId);
  }

  @Override
  public Map<String, String> registerWebhook(String connectionId) {
    return maintenance.subscribe(require(connectionId));
  }

  @Override
  public Map<String, String> registerWebhook(String connectionId, String url) {
    return maintenance.subscribe(require(connectionId), Objects.requireNonNull(url, "url"));
  }

  @Override
  public Map<String, String> checkWebhook(String connectionId) {
    ConnectionConfig c = require(connectionId);
    return runtime.sourceSession(c).maintain();
  }

  @Override
  public void unregisterWebhook(String connectionId) {
    ConnectionConfig c = require(connectionId);
    runtime.sourceSession(c).unsubscribe();
    log.info("connection {}: webhook unregistered", c.id());
  }

  @Override
  public BackfillStatus backfill(String connectionId) {
    return backfiller.start(require(connectionId), "backfill");
  }

  @Override
  public BackfillStatus reconcile(String connectionId) {
    return backfiller.start(require(connectionId), "reconcile");
  }

  @Override
  public boolean cancelBackfill(String connectionId) {
    return backfiller.cancel(connectionId);
  }

  @Override
  public Optional<BackfillStatus> backfillStatus(String connectionId) {
    return backfiller.status(connectionId);
  }

  @Override
  public void awaitBackfill(String connectionId) throws Exception {
    backfiller.await(connectionId);
  }
}
