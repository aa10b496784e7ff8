package dev.syncengine.core;

import dev.syncengine.core.internal.ConnectionRuntime;
import dev.syncengine.core.internal.Problems;
import dev.syncengine.core.internal.ReverseDecisions;
import dev.syncengine.core.internal.ReverseProcessor;
import dev.syncengine.core.internal.ReverseWorker;
import dev.syncengine.core.internal.TargetIngress;
import dev.syncengine.core.internal.TargetWebhookUpkeep;
import dev.syncengine.core.internal.TwoWayOptions;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.JobState;
import dev.syncengine.core.model.LogEntry;
import dev.syncengine.core.model.StoredTargetChange;
import dev.syncengine.core.spi.LogQuery;
import dev.syncengine.core.spi.Stores;
import dev.syncengine.core.spi.SyncException;
import dev.syncengine.core.spi.TargetChangeStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Two-way connections (issue #18): the ingress for the target's webhooks, their registration, the
 * stream of target changes they fill, and the reverse worker that carries those changes back to the
 * source (echoes of our own writes suppressed, conflicts decided by the connection's policy,
 * reverse deletes held for approval by default); see {@code docs/two-way.md}.
 *
 * <p>A connection opts in with the option {@value #OPTION_ENABLED} {@code = true}; one-way is the
 * default, and a one-way connection answers target deliveries 404. The target delivers to the
 * connection's webhook URL plus {@value #URL_SUFFIX} ({@code /hooks/{connectionId}/{token}/target}
 * under the servlets), authenticated by the same URL token as the source's webhooks and, where the
 * target signs, by its signature.
 *
 * <pre>{@code
 * IngestResult r = engine.twoWay().ingest("products", request); // from your HTTP handler
 * engine.twoWay().registerWebhooks("products");                 // list before create
 * List<StoredTargetChange> inbox = engine.twoWay().changes("products", null, 0, 50);
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class TwoWay {
  /** Connection option: {@code "true"} opts the connection in to two-way sync. */
  public static final String OPTION_ENABLED = TwoWayOptions.ENABLED;

  /**
   * Connection option: who wins a conflict (both sides changed a field between syncs): {@code
   * newest} (default; the later of the two services' timestamps), {@code smartsuite} or {@code
   * webflow}. The losing value is kept in the sync log ({@link #conflicts}).
   */
  public static final String OPTION_CONFLICTS = TwoWayOptions.CONFLICTS;

  /**
   * Connection option: what an item deleted in the target does to its record: {@code ask} (default;
   * held until a person approves or rejects it, {@link #pendingDeletes}), {@code delete} or {@code
   * ignore} (the record stays; its next change makes a new item).
   */
  public static final String OPTION_DELETES = TwoWayOptions.DELETES;

  /** Connection option: {@code true} makes an item created in the target create a record. */
  public static final String OPTION_CREATE_RECORDS = TwoWayOptions.CREATE_RECORDS;

  /**
   * Connection option: the source field (slug, a text field) that records created from items carry
   * the item id in; it keeps those creates idempotent. Needed with {@link #OPTION_CREATE_RECORDS}.
   */
  public static final String OPTION_ITEM_ID_FIELD = TwoWayOptions.ITEM_ID_FIELD;

  /** The sync log action of a conflict entry: its detail holds the winning and losing values. */
  public static final String CONFLICT_ACTION = "conflict";

  /** Appended to a connection's webhook URL to make the URL its target delivers to. */
  public static final String URL_SUFFIX = "/target";

  private final ConnectionRuntime runtime;
  private final TargetChangeStore store;
  private final TargetIngress ingress;
  private final TargetWebhookUpkeep upkeep;
  private final ReverseDecisions decisions;
  private final ReverseWorker worker;
  private final Stores stores;

  TwoWay(
      Stores stores,
      ConnectionRuntime runtime,
      Problems problems,
      Clock clock,
      Function<ConnectionConfig, String> webhookUrl,
      Runnable changesQueued,
      String owner) {
    this.runtime = runtime;
    this.stores = stores;
    this.decisions = new ReverseDecisions(stores, runtime, clock, changesQueued);
    this.store = stores.targetChanges();
    this.worker =
        new ReverseWorker(
            store, new ReverseProcessor(stores, runtime, clock, problems, changesQueued), owner);
    this.ingress =
        new TargetIngress(runtime, store, problems, clock, TwoWayOptions::enabled, worker::wake);
    this.upkeep =
        new TargetWebhookUpkeep(
            runtime,
            stores.cursors(),
            problems,
            clock,
            webhookUrl == null ? null : c -> webhookUrl.apply(c) + URL_SUFFIX,
            TwoWayOptions::enabled);
  }

  /** Whether a connection opted in to two-way sync. */
  public static boolean enabled(ConnectionConfig connection) {
    return TwoWayOptions.enabled(connection);
  }

  /**
   * Accepts one webhook delivery from a connection's target: authenticates and parses it through
   * the sink, and stores it durably (a redelivery is accepted as a duplicate) before returning.
   * Makes no outbound call, and never throws for bad input or an unavailable store.
   */
  public IngestResult ingest(String connectionId, IngestRequest request) {
    Objects.requireNonNull(connectionId, "connectionId");
    Objects.requireNonNull(request, "request");
    return ingress.ingest(connectionId, request);
  }

  /**
   * Registers (or repairs) the target webhooks of a connection at its configured URL ({@code
   * SyncEngine.Builder.webhookUrl} plus {@value #URL_SUFFIX}). Idempotent.
   *
   * @throws IllegalArgumentException for an unknown or one-way connection, or a sink that sends no
   *     webhooks
   * @throws IllegalStateException when no webhook URL is configured
   * @throws SyncException when the target refuses or cannot be reached
   */
  public Map<String, String> registerWebhooks(String connectionId) {
    ConnectionConfig c = require(connectionId);
    return upkeep.ensure(c, upkeep.urlOf(c));
  }

  /** {@link #registerWebhooks(String)} to deliver to {@code url}. */
  public Map<String, String> registerWebhooks(String connectionId, String url) {
    return upkeep.ensure(require(connectionId), Objects.requireNonNull(url, "url"));
  }

  /**
   * Removes the target webhooks that deliver to {@code url}.
   *
   * @throws IllegalArgumentException for an unknown or one-way connection
   * @throws SyncException when the target refuses or cannot be reached
   */
  public void unregisterWebhooks(String connectionId, String url) {
    upkeep.remove(require(connectionId), Objects.requireNonNull(url, "url"));
  }

  /**
   * The last known state of the connection's target webhooks ({@code status}, {@code webhookIds},
   * {@code checkedAt}, {@code error}); empty when never registered.
   */
  public Map<String, String> webhookStatus(String connectionId) {
    return upkeep.status(connectionId);
  }

  /**
   * Upkeep of one connection (run by the engine's maintenance round): registers what is missing.
   */
  void maintain(ConnectionConfig connection) {
    upkeep.maintain(connection);
  }

  /**
   * Stored target changes, newest first (the dashboard's reverse events).
   *
   * @param connectionId filter, or null for all
   * @param state filter, or null for all
   */
  public List<StoredTargetChange> changes(
      String connectionId, JobState state, int offset, int limit) {
    return store.list(connectionId, state, offset, limit);
  }

  public Optional<StoredTargetChange> change(long id) {
    return store.find(id);
  }

  /** Stored target changes per state; {@code connectionId} null for all. */
  public Map<JobState, Long> counts(String connectionId) {
    return store.counts(connectionId);
  }

  /** Starts the reverse worker (with the engine). */
  void start() {
    worker.start();
  }

  /** Stops the reverse worker (with the engine). */
  void stop() {
    worker.stop();
  }

  /**
   * Carries target changes back to the source on the calling thread, for hosts that drive work from
   * a scheduler and for tests: claims and processes batches until nothing is due or {@code
   * maxBatches} were processed.
   *
   * @return target changes processed
   */
  public int runOnce(int maxBatches) {
    return worker.runOnce(maxBatches);
  }

  /** What approving or rejecting a held reverse delete did. */
  public record Decision(long changeId, String connectionId, String recordId, String result) {}

  /**
   * Reverse deletes waiting for a person's decision (the "ask" policy, {@value #OPTION_DELETES}),
   * newest first.
   *
   * @param connectionId filter, or null for all
   */
  public List<StoredTargetChange> pendingDeletes(String connectionId, int offset, int limit) {
    return store.list(connectionId, JobState.HELD, offset, limit);
  }

  /**
   * Approves a held reverse delete: the item's record is deleted at the source now.
   *
   * @throws IllegalArgumentException for an unknown change or one not waiting for a decision
   * @throws SyncException when the source refuses or cannot be reached; the change stays held
   */
  public Decision approveDelete(long changeId) {
    ReverseDecisions.Outcome o = decisions.approve(changeId);
    return new Decision(o.changeId(), o.connectionId(), o.recordId(), o.result());
  }

  /**
   * Rejects a held reverse delete: the record stays, and its item is made again from it.
   *
   * @throws IllegalArgumentException for an unknown change or one not waiting for a decision
   */
  public Decision rejectDelete(long changeId) {
    ReverseDecisions.Outcome o = decisions.reject(changeId);
    return new Decision(o.changeId(), o.connectionId(), o.recordId(), o.result());
  }

  /**
   * Conflicts the policy decided, newest first: sync log entries of action {@value
   * #CONFLICT_ACTION}, whose detail names per field the winner, the value kept and the value lost.
   *
   * @param connectionId filter, or null for all
   * @param recordId filter, or null for all
   */
  public List<LogEntry> conflicts(String connectionId, String recordId, int offset, int limit) {
    return stores
        .eventLog()
        .query(
            new LogQuery(
                connectionId, Set.of(), recordId, null, null, offset, limit, CONFLICT_ACTION));
  }

  private ConnectionConfig require(String connectionId) {
    return runtime
        .connection(connectionId)
        .orElseThrow(
            () -> new IllegalArgumentException("unknown connection '" + connectionId + "'"));
  }
}
