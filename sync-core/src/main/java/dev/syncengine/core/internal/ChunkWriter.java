package dev.syncengine.core.internal;

import dev.syncengine.core.SyncListener;
import dev.syncengine.core.mapping.CompiledMapping;
import dev.syncengine.core.mapping.MappedItem;
import dev.syncengine.core.mapping.MappingException;
import dev.syncengine.core.model.ChangeKind;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.IdMapping;
import dev.syncengine.core.model.ItemAction;
import dev.syncengine.core.model.Job;
import dev.syncengine.core.model.SourceRecord;
import dev.syncengine.core.spi.CreateIntents;
import dev.syncengine.core.spi.ErrorCodes;
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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One chunk of one kind, for {@link ChangeWriter}: fetch what the upserts need, map, write, record
 * the outcomes and the id map. Not thread-safe: one per chunk.
 */
final class ChunkWriter {
  private static final Logger log = LoggerFactory.getLogger(ChangeWriter.class);

  private final Stores stores;
  private final ConnectionRuntime runtime;
  private final SyncListener listener;
  private final Clock clock;
  private final Problems problems;
  private final ChangeWriter.Batch b;
  private final ConnectionConfig c;
  private final List<Job> jobs;
  private final Map<String, IdMapping> existing;
  private final Map<String, String> createKeys;
  private final Map<String, Job> jobByRecord = new HashMap<>();
  // the mapping's warnings per record (an image left out, a list cut), for the log entry
  private final Map<String, List<String>> warnings = new HashMap<>();
  private final SchemaDriftCheck drift;
  private Map<String, SourceRecord> records = Map.of();

  ChunkWriter(
      ChangeWriter.Services services,
      ChangeWriter.Batch b,
      List<Job> jobs,
      Map<String, IdMapping> existing,
      Map<String, String> createKeys) {
    this.stores = services.stores();
    this.runtime = services.runtime();
    this.listener = services.listener();
    this.clock = services.clock();
    this.problems = services.problems();
    this.b = b;
    this.c = b.connection();
    this.jobs = new ArrayList<>(jobs);
    this.existing = new HashMap<>(existing);
    this.createKeys = createKeys;
    this.drift = new SchemaDriftCheck(runtime, c);
  }

  void run(LazyMapping mapping) {
    fetch();
    List<WriteOp> ops = map(mapping);
    if (!ops.isEmpty()) {
      b.dispatched().run();
      write(ops);
    }
  }

  private void fetch() {
    List<Job> upserts = jobs.stream().filter(j -> j.kind() == ChangeKind.UPSERT).toList();
    if (upserts.isEmpty()) {
      return;
    }
    List<PendingChange> pending =
        upserts.stream()
            .map(j -> new PendingChange(j.recordId(), j.sourceVersion(), j.payload()))
            .toList();
    SyncError err;
    try {
      records = runtime.sourceSession(c).resolve(pending);
      return;
    } catch (SyncException e) {
      err = e.error();
    } catch (RuntimeException e) {
      err = BatchProcessor.unexpected(e);
    }
    upstream("fetch", err, upserts.get(0));
    for (Job j : upserts) {
      b.out().failure(j, null, "fetch", err, c.retry());
    }
    jobs.removeAll(upserts);
  }

  private List<WriteOp> map(LazyMapping lazy) {
    List<WriteOp> ops = new ArrayList<>();
    LinkContext context = new LinkContext(c, runtime, stores.idMap());
    for (Job j : jobs) {
      SourceRecord r = records.get(j.recordId());
      IdMapping m = existing.get(j.recordId());
      if (m == null && r != null) {
        m = linkedByMarker(r);
      }
      if (j.kind() != ChangeKind.UPSERT || r == null) {
        // A record gone at the source since the change was queued is deleted too.
        addDelete(j, m, ops);
        continue;
      }
      CompiledMapping mapping = lazy.get();
      if (mapping == null) {
        b.out().failure(j, null, "map", lazy.error(), c.retry());
        continue;
      }
      try {
        boolean last = j.attempts() + 1 >= c.retry().maxAttempts();
        MappedItem item = mapping.map(r, last ? context.lastAttempt() : context);
        if (item.action() == ItemAction.DELETE) {
          addDelete(j, m, ops);
        } else {
          ops.add(
              new WriteOp.Upsert(
                  j.recordId(), item.fieldData(), item.action(), m, createKeys.get(j.recordId())));
          jobByRecord.put(j.recordId(), j);
          if (!item.warnings().isEmpty()) {
            warnings.put(j.recordId(), item.warnings());
          }
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
        b.out().failure(j, m == null ? null : m.itemId(), "map", drift.check(err), c.retry());
      } catch (RuntimeException e) {
        b.out()
            .failure(
                j, m == null ? null : m.itemId(), "map", BatchProcessor.unexpected(e), c.retry());
      }
    }
    return ops;
  }

  /**
   * Two-way: a record the reverse path created from a Webflow item carries the item's id in the
   * connection's item id field. Its change can arrive before the reverse path has recorded the
   * link; it then updates that item instead of creating a second one.
   */
  private IdMapping linkedByMarker(SourceRecord r) {
    String marker = TwoWayOptions.enabled(c) ? TwoWayOptions.itemIdField(c) : null;
    String itemId = marker == null ? null : r.values().path(marker).asText("");
    if (itemId == null || itemId.isBlank()) {
      return null;
    }
    IdMapping m = new IdMapping(c.id(), r.id(), itemId, null, null, null, null, clock.instant());
    existing.put(r.id(), m);
    return m;
  }

  private void addDelete(Job j, IdMapping m, List<WriteOp> ops) {
    String createKey = createKeys.get(j.recordId());
    if (m == null && createKey == null) {
      b.out().skip(j, null, "deleted before it was ever written");
      return;
    }
    ops.add(new WriteOp.Delete(j.recordId(), m, m == null ? createKey : null));
    jobByRecord.put(j.recordId(), j);
  }

  private void write(List<WriteOp> ops) {
    List<WriteResult> results;
    SyncError err;
    try {
      results = runtime.sinkSession(c).write(ops, intents());
      record(ops, results);
      return;
    } catch (SyncException e) {
      err = e.error();
    } catch (RuntimeException e) {
      err = BatchProcessor.unexpected(e);
    }
    upstream("write", err, jobByRecord.get(ops.get(0).recordId()));
    for (WriteOp op : ops) {
      b.out().failure(jobByRecord.get(op.recordId()), itemId(op), action(op), err, c.retry());
    }
  }

  private void record(List<WriteOp> ops, List<WriteResult> results) {
    Map<String, WriteResult> byRecord = new HashMap<>();
    for (WriteResult r : results) {
      byRecord.put(r.recordId(), r);
    }
    Instant now = clock.instant();
    IdMapUpdate idMapUpdate = new IdMapUpdate(c.id());
    // Items failing with a retryable error (a 5xx, a timeout) are the target failing, not the
    // data: reported once per chunk and code, not per item.
    Set<String> upstreamCodes = new HashSet<>();
    boolean anyWritten = false;
    for (WriteOp op : ops) {
      Job j = jobByRecord.get(op.recordId());
      WriteResult r = byRecord.get(op.recordId());
      if (r == null) {
        SyncError none =
            SyncError.retryable(
                ErrorCodes.NO_RESULT, "the sink returned no result for this record");
        b.out().failure(j, itemId(op), action(op), none, c.retry());
      } else if (!r.succeeded()) {
        if (isUpstream(r.error()) && upstreamCodes.add(r.error().code())) {
          upstream("write", r.error(), j);
        }
        b.out().failure(j, itemId(op), action(op), drift.check(r.error()), c.retry());
      } else {
        anyWritten = true;
        idMapUpdate.add(op.recordId(), r, existing.get(op.recordId()), version(j), now);
        succeeded(j, r, now);
      }
    }
    if (anyWritten && upstreamCodes.isEmpty()) {
      problems.upstreamOk(c.id());
    }
    // Before the jobs are completed (when the batch's outcomes are flushed): a crash in between
    // redoes the write, which the sink recognises, rather than forgetting the item.
    idMapUpdate.applyTo(stores.idMap());
  }

  /**
   * The version really written: the adapter may have fetched a copy newer than the queued change,
   * so later deliveries of versions in between are recognised as old.
   */
  private Instant version(Job j) {
    SourceRecord fetched = records.get(j.recordId());
    return fetched != null
            && fetched.version() != null
            && fetched.version().isAfter(j.sourceVersion())
        ? fetched.version()
        : j.sourceVersion();
  }

  private void succeeded(Job j, WriteResult r, Instant now) {
    String warned = ItemWarnings.message(warnings.get(j.recordId()));
    if (r.outcome() == WriteResult.Outcome.UNCHANGED) {
      b.out()
          .skip(
              j,
              r.itemId(),
              "unchanged since the last write" + (warned == null ? "" : "; " + warned));
    } else {
      String action = r.outcome().name().toLowerCase(Locale.ROOT);
      b.out().success(j, r.itemId(), action, r.fieldData(), warned);
      Duration lag = Duration.between(j.enqueuedAt(), now);
      Outcomes.safe(() -> listener.written(c.id(), r.outcome(), lag));
    }
    if (r.note() != null) {
      log.info("record {}: {}", j.recordId(), r.note());
    }
  }

  /** What the sink records before it sends creates, and asks when it finds an item by key. */
  private CreateIntents intents() {
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

  private void upstream(String operation, SyncError e, Job job) {
    BatchProcessor.upstream(problems, c, operation, e, job);
  }

  /** Retryable item errors other than rate limiting are the remote failing. */
  private static boolean isUpstream(SyncError e) {
    return e != null && e.retryable() && e.retryAfter() == null;
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
}
