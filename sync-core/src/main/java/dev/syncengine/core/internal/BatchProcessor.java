package dev.syncengine.core.internal;

import dev.syncengine.core.RunSummary;
import dev.syncengine.core.SyncListener;
import dev.syncengine.core.mapping.CompiledMapping;
import dev.syncengine.core.mapping.MappedItem;
import dev.syncengine.core.mapping.MappingContext;
import dev.syncengine.core.mapping.MappingException;
import dev.syncengine.core.mapping.MappingValidationException;
import dev.syncengine.core.model.ChangeKind;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.IdMapping;
import dev.syncengine.core.model.ItemAction;
import dev.syncengine.core.model.Job;
import dev.syncengine.core.model.SourceRecord;
import dev.syncengine.core.spi.CreateIntents;
import dev.syncengine.core.spi.SourceAdapter.PendingChange;
import dev.syncengine.core.spi.Stores;
import dev.syncengine.core.spi.SyncError;
import dev.syncengine.core.spi.SyncException;
import dev.syncengine.core.spi.WriteOp;
import dev.syncengine.core.spi.WriteResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Carries one claimed batch through fetch, map, write and record. Stateless between batches and
 * thread-safe: several workers share one instance.
 */
public final class BatchProcessor {
  private static final Logger log = LoggerFactory.getLogger(BatchProcessor.class);

  /** How long a paused connection's jobs wait before being looked at again. */
  static final Duration PAUSE_RECHECK = Duration.ofSeconds(30);

  private final Stores stores;
  private final ConnectionRuntime runtime;
  private final SyncListener listener;
  private final Clock clock;
  private final PullStep pullStep;
  private final Problems problems;

  public BatchProcessor(
      Stores stores,
      ConnectionRuntime runtime,
      SyncListener listener,
      Clock clock,
      Problems problems) {
    this.problems = problems;
    this.stores = stores;
    this.runtime = runtime;
    this.listener = listener;
    this.clock = clock;
    this.pullStep = new PullStep(stores, clock);
  }

  /** Processes jobs claimed by {@code owner}; every job ends completed, failed or deferred. */
  public RunSummary process(String owner, List<Job> claimed) {
    Map<String, List<Job>> byConnection = new LinkedHashMap<>();
    for (Job j : claimed) {
      byConnection.computeIfAbsent(j.connectionId(), k -> new ArrayList<>()).add(j);
    }
    RunSummary total = RunSummary.EMPTY;
    for (Map.Entry<String, List<Job>> e : byConnection.entrySet()) {
      MDC.put("connectionId", e.getKey());
      try {
        total = total.plus(processConnection(owner, e.getKey(), e.getValue()));
      } finally {
        MDC.remove("connectionId");
      }
    }
    return total;
  }

  private void pulls(ConnectionConfig c, Job job, Outcomes out) {
    try {
      out.pullDone(job, pullStep.run(c, runtime.source(c), job));
      problems.upstreamOk(c.id());
    } catch (SyncException e) {
      upstream(c, "pull", e.error(), job);
      out.failure(job, null, "pull", e.error(), c.retry());
    } catch (RuntimeException e) {
      SyncError err = unexpected(e);
      upstream(c, "pull", err, job);
      out.failure(job, null, "pull", err, c.retry());
    }
  }

  private RunSummary processConnection(String owner, String connectionId, List<Job> jobs) {
    Outcomes out = new Outcomes(stores.jobs(), stores.eventLog(), listener, clock, owner, problems);
    Optional<ConnectionConfig> found = runtime.connection(connectionId);
    if (found.isEmpty()) {
      for (Job j : jobs) {
        out.failure(
            j,
            null,
            "map",
            SyncError.permanent("connection_missing", "connection was deleted", null),
            dev.syncengine.core.model.RetrySettings.ofDefaults());
      }
      out.flush();
      return summary(jobs.size(), out);
    }
    ConnectionConfig c = found.get();
    if (c.paused()) {
      stores.jobs().defer(owner, jobs, clock.instant().plus(PAUSE_RECHECK));
      return new RunSummary(jobs.size(), 0, 0, 0, 0, 0);
    }
    List<Job> pulls = new ArrayList<>();
    List<Job> changes = new ArrayList<>();
    for (Job j : jobs) {
      (j.kind() == ChangeKind.PULL ? pulls : changes).add(j);
    }
    for (Job p : pulls) {
      pulls(c, p, out);
    }
    if (!changes.isEmpty()) {
      writeChanges(c, changes, out);
    }
    out.flush();
    return summary(jobs.size(), out);
  }

  private static RunSummary summary(int claimed, Outcomes o) {
    return new RunSummary(claimed, o.written, o.skipped, o.retried, o.dead, o.pulled);
  }

  private void writeChanges(ConnectionConfig c, List<Job> jobs, Outcomes out) {
    Map<String, IdMapping> existing =
        stores.idMap().findAll(c.id(), jobs.stream().map(Job::recordId).toList());

    // Drop changes older than what was already written (a late, out-of-order delivery).
    List<Job> live = new ArrayList<>();
    for (Job j : jobs) {
      IdMapping m = existing.get(j.recordId());
      if (m != null && m.sourceVersion() != null && j.sourceVersion().isBefore(m.sourceVersion())) {
        out.skip(j, m.itemId(), "older than the version already written");
      } else {
        live.add(j);
      }
    }

    // Fetch and normalise what the upserts need.
    List<Job> upserts = live.stream().filter(j -> j.kind() == ChangeKind.UPSERT).toList();
    Map<String, SourceRecord> records = Map.of();
    if (!upserts.isEmpty()) {
      try {
        records =
            runtime
                .source(c)
                .resolve(
                    c,
                    upserts.stream()
                        .map(j -> new PendingChange(j.recordId(), j.sourceVersion(), j.payload()))
                        .toList());
      } catch (SyncException e) {
        upstream(c, "fetch", e.error(), upserts.get(0));
        upserts.forEach(j -> out.failure(j, null, "fetch", e.error(), c.retry()));
        live.removeAll(upserts);
      } catch (RuntimeException e) {
        SyncError err = unexpected(e);
        upstream(c, "fetch", err, upserts.get(0));
        upserts.forEach(j -> out.failure(j, null, "fetch", err, c.retry()));
        live.removeAll(upserts);
      }
    }

    CompiledMapping mapping = null;
    if (live.stream().anyMatch(j -> j.kind() == ChangeKind.UPSERT)) {
      try {
        mapping = runtime.mapping(c);
      } catch (MappingValidationException e) {
        SyncError err = SyncError.permanent("mapping_invalid", e.getMessage(), null);
        failAll(c, live, ChangeKind.UPSERT, err, out);
      } catch (SyncException e) {
        failAll(c, live, ChangeKind.UPSERT, e.error(), out);
      } catch (RuntimeException e) {
        failAll(c, live, ChangeKind.UPSERT, unexpected(e), out);
      }
    }

    // Creates sent before and never confirmed (a crash, a lost response): the sink finds the item
    // by the key it recorded then, instead of making a second one.
    // Deletes too: a record deleted right after an unconfirmed create still has that item.
    List<String> unmapped =
        live.stream()
            .map(Job::recordId)
            .filter(r -> existing.get(r) == null || existing.get(r).itemId() == null)
            .toList();
    Map<String, String> createKeys =
        unmapped.isEmpty() ? Map.of() : stores.idMap().findCreateIntents(c.id(), unmapped);

    LinkContext context = new LinkContext(c);
    Map<String, Job> jobByRecord = new HashMap<>();
    List<WriteOp> ops = new ArrayList<>();
    for (Job j : live) {
      IdMapping m = existing.get(j.recordId());
      if (j.kind() == ChangeKind.UPSERT) {
        if (mapping == null) {
          continue; // already failed above
        }
        SourceRecord r = records.get(j.recordId());
        if (r == null) {
          // Gone at the source since the change was queued: treat as a delete.
          addDelete(j, m, createKeys.get(j.recordId()), ops, jobByRecord, out);
          continue;
        }
        try {
          boolean last = j.attempts() + 1 >= c.retry().maxAttempts();
          MappedItem item = mapping.map(r, last ? context.lastAttempt() : context);
          if (item.action() == ItemAction.DELETE) {
            addDelete(j, m, createKeys.get(j.recordId()), ops, jobByRecord, out);
          } else {
            ops.add(
                new WriteOp.Upsert(
                    j.recordId(),
                    item.fieldData(),
                    item.action(),
                    m,
                    createKeys.get(j.recordId())));
            jobByRecord.put(j.recordId(), j);
          }
        } catch (MappingException e) {
          SyncError err =
              new SyncError(
                  e.retryable() ? "mapping_pending" : "mapping_error",
                  e.getMessage(),
                  e.field(),
                  e.retryable(),
                  null,
                  null);
          out.failure(j, m == null ? null : m.itemId(), "map", err, c.retry());
        } catch (RuntimeException e) {
          out.failure(j, m == null ? null : m.itemId(), "map", unexpected(e), c.retry());
        }
      } else {
        addDelete(j, m, createKeys.get(j.recordId()), ops, jobByRecord, out);
      }
    }

    // Creates, updates and deletes each go to their own bulk call: chunks of one kind fill every
    // request up to the batch size instead of splitting each chunk three ways.
    ops.sort(java.util.Comparator.comparingInt(BatchProcessor::kindOrder));
    for (int from = 0; from < ops.size(); from += c.batchSize()) {
      List<WriteOp> chunk = ops.subList(from, Math.min(ops.size(), from + c.batchSize()));
      write(c, chunk, jobByRecord, existing, records, out);
    }
  }

  private void failAll(
      ConnectionConfig c, List<Job> live, ChangeKind kind, SyncError err, Outcomes out) {
    for (Job j : live) {
      if (j.kind() == kind) {
        out.failure(j, null, "map", err, c.retry());
      }
    }
  }

  private static void addDelete(
      Job j,
      IdMapping m,
      String createKey,
      List<WriteOp> ops,
      Map<String, Job> jobByRecord,
      Outcomes out) {
    if (m == null && createKey == null) {
      out.skip(j, null, "deleted before it was ever written");
      return;
    }
    ops.add(new WriteOp.Delete(j.recordId(), m, m == null ? createKey : null));
    jobByRecord.put(j.recordId(), j);
  }

  private void write(
      ConnectionConfig c,
      List<WriteOp> chunk,
      Map<String, Job> jobByRecord,
      Map<String, IdMapping> existing,
      Map<String, SourceRecord> records,
      Outcomes out) {
    List<WriteResult> results;
    try {
      results = runtime.sink(c).write(c, chunk, intents(c));
    } catch (SyncException e) {
      upstream(c, "write", e.error(), jobByRecord.get(chunk.get(0).recordId()));
      for (WriteOp op : chunk) {
        out.failure(jobByRecord.get(op.recordId()), itemId(op), action(op), e.error(), c.retry());
      }
      return;
    } catch (RuntimeException e) {
      SyncError err = unexpected(e);
      upstream(c, "write", err, jobByRecord.get(chunk.get(0).recordId()));
      for (WriteOp op : chunk) {
        out.failure(jobByRecord.get(op.recordId()), itemId(op), action(op), err, c.retry());
      }
      return;
    }
    Map<String, WriteResult> byRecord = new HashMap<>();
    for (WriteResult r : results) {
      byRecord.put(r.recordId(), r);
    }
    Instant now = clock.instant();
    IdMapUpdate idMapUpdate = new IdMapUpdate(c.id());
    // Items failing with a retryable error (a 5xx, a timeout) are the target failing, not the
    // data: reported once per chunk and code, not per item.
    java.util.Set<String> upstreamCodes = new java.util.HashSet<>();
    boolean anyWritten = false;
    for (WriteOp op : chunk) {
      Job j = jobByRecord.get(op.recordId());
      WriteResult r = byRecord.get(op.recordId());
      if (r == null) {
        out.failure(
            j,
            itemId(op),
            action(op),
            SyncError.retryable("no_result", "the sink returned no result for this record"),
            c.retry());
        continue;
      }
      if (!r.succeeded()) {
        if (isUpstream(r.error()) && upstreamCodes.add(r.error().code())) {
          upstream(c, "write", r.error(), j);
        }
        out.failure(j, itemId(op), action(op), r.error(), c.retry());
        continue;
      }
      anyWritten = true;
      IdMapping before = existing.get(op.recordId());
      // The adapter may have fetched a copy newer than the queued change: remember what was
      // really written, so later deliveries of versions in between are recognised as old.
      SourceRecord fetched = records.get(op.recordId());
      Instant version =
          fetched != null
                  && fetched.version() != null
                  && fetched.version().isAfter(j.sourceVersion())
              ? fetched.version()
              : j.sourceVersion();
      idMapUpdate.add(op.recordId(), r, before, version, now);
      String action = r.outcome().name().toLowerCase(java.util.Locale.ROOT);
      if (r.outcome() == WriteResult.Outcome.UNCHANGED) {
        out.skip(j, r.itemId(), "unchanged since the last write");
      } else {
        out.success(j, r.itemId(), action, r.fieldData());
        Duration lag = Duration.between(j.enqueuedAt(), now);
        Outcomes.safe(() -> listener.written(c.id(), r.outcome(), lag));
      }
      if (r.note() != null) {
        log.info("record {}: {}", op.recordId(), r.note());
      }
    }
    if (anyWritten && upstreamCodes.isEmpty()) {
      problems.upstreamOk(c.id());
    }
    // Before the jobs are completed (when the batch's outcomes are flushed): a crash in between
    // redoes the write, which the sink recognises, rather than forgetting the item.
    idMapUpdate.applyTo(stores.idMap());
  }

  /** What the sink records before it sends creates, and asks when it finds an item by key. */
  private CreateIntents intents(ConnectionConfig c) {
    return new CreateIntents() {
      @Override
      public void record(Map<String, String> keyByRecordId) {
        stores.idMap().recordCreateIntents(c.id(), keyByRecordId);
      }

      @Override
      public Optional<String> recordOfItem(String itemId) {
        return stores.idMap().findByItemId(c.id(), itemId).map(IdMapping::recordId);
      }
    };
  }

  /** Retryable item errors other than rate limiting are the remote failing. */
  private static boolean isUpstream(SyncError e) {
    return e != null && e.retryable() && e.retryAfter() == null;
  }

  private void upstream(ConnectionConfig c, String operation, SyncError e, Job job) {
    problems.upstream(
        c,
        operation,
        e.code(),
        e.message(),
        job == null ? null : job.id(),
        job == null ? null : job.recordId());
  }

  private static int kindOrder(WriteOp op) {
    if (op instanceof WriteOp.Delete) {
      return 2;
    }
    return op.existing() == null ? 0 : 1;
  }

  private static String itemId(WriteOp op) {
    return op.existing() == null ? null : op.existing().itemId();
  }

  private static String action(WriteOp op) {
    if (op instanceof WriteOp.Delete) {
      return "delete";
    }
    return op.existing() == null ? "create" : "update";
  }

  private static SyncError unexpected(RuntimeException e) {
    log.warn("unexpected failure", e);
    String type = e.getClass().getSimpleName();
    return SyncError.retryable(
        "internal_error", type + (e.getMessage() == null ? "" : ": " + e.getMessage()));
  }

  /** Resolves linked records through the id map of the connection syncing the linked table. */
  private final class LinkContext implements MappingContext {
    private final ConnectionConfig self;
    private final Map<String, Optional<String>> connectionByTable;
    private final boolean finalAttempt;

    LinkContext(ConnectionConfig self) {
      this(self, new HashMap<>(), false);
    }

    private LinkContext(
        ConnectionConfig self, Map<String, Optional<String>> cache, boolean finalAttempt) {
      this.self = self;
      this.connectionByTable = cache;
      this.finalAttempt = finalAttempt;
    }

    /** The same lookups, telling rules this is the job's last attempt (missing links settle). */
    LinkContext lastAttempt() {
      return new LinkContext(self, connectionByTable, true);
    }

    @Override
    public boolean finalAttempt() {
      return finalAttempt;
    }

    @Override
    public Optional<String> itemIdFor(String sourceTableId, String recordId) {
      Optional<String> conn;
      synchronized (connectionByTable) {
        conn =
            connectionByTable.computeIfAbsent(
                sourceTableId,
                t ->
                    self.source().id().equals(t)
                        ? Optional.of(self.id())
                        : runtime.connectionForSourceTable(t).map(ConnectionConfig::id));
      }
      return conn.flatMap(id -> stores.idMap().find(id, recordId)).map(IdMapping::itemId);
    }
  }
}
