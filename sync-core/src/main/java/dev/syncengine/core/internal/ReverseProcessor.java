package dev.syncengine.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncengine.core.mapping.CompiledMapping;
import dev.syncengine.core.mapping.ReverseMapping;
import dev.syncengine.core.model.ChangeKind;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.IdMapping;
import dev.syncengine.core.model.JobState;
import dev.syncengine.core.model.StoredTargetChange;
import dev.syncengine.core.spi.ErrorCodes;
import dev.syncengine.core.spi.Stores;
import dev.syncengine.core.spi.SyncError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.MDC;

/**
 * Carries claimed target changes (two-way connections) back to the source: per item only the latest
 * delivery counts (each carries the whole item); our own echoes and deliveries older than our last
 * write are recognised by the id map; deletes follow the connection's delete policy; unknown items
 * optionally create records; the rest is merged field by field ({@link ReverseMerge}) and written
 * in bulk ({@link ReverseWrites}). Every row ends completed, deferred, held, retried or dead, with
 * a sync log entry. Stateless between batches and thread-safe.
 */
public final class ReverseProcessor {
  /** How long a created item waits before it may create a record (our own create's id map). */
  static final Duration CREATE_GRACE = Duration.ofSeconds(10);

  /** How long a change waits while a forward write of its record is in flight. */
  static final Duration BUSY_WAIT = Duration.ofMillis(200);

  static final Duration PAUSE_RECHECK = Duration.ofSeconds(30);

  private final Stores stores;
  private final ConnectionRuntime runtime;
  private final Clock clock;
  private final Problems problems;
  private final Runnable forwardQueued;
  private final ReverseLog log;

  public ReverseProcessor(
      Stores stores,
      ConnectionRuntime runtime,
      Clock clock,
      Problems problems,
      Runnable forwardQueued) {
    this.stores = stores;
    this.runtime = runtime;
    this.clock = clock;
    this.problems = problems;
    this.forwardQueued = forwardQueued;
    this.log = new ReverseLog(stores.eventLog(), clock);
  }

  /** Works every claimed row; returns how many were claimed. */
  public int process(String owner, List<StoredTargetChange> claimed) {
    Map<String, List<StoredTargetChange>> byConnection = new LinkedHashMap<>();
    for (StoredTargetChange r : claimed) {
      byConnection.computeIfAbsent(r.change().connectionId(), k -> new ArrayList<>()).add(r);
    }
    for (Map.Entry<String, List<StoredTargetChange>> e : byConnection.entrySet()) {
      MDC.put("connectionId", e.getKey());
      try {
        processConnection(owner, e.getKey(), e.getValue());
      } finally {
        MDC.remove("connectionId");
      }
    }
    return claimed.size();
  }

  private void processConnection(String owner, String connectionId, List<StoredTargetChange> rows) {
    ReverseBatch b = new ReverseBatch(stores, log, clock, owner);
    try {
      Optional<ConnectionConfig> found = runtime.connection(connectionId);
      if (found.isEmpty()) {
        SyncError gone =
            SyncError.permanent(ErrorCodes.CONNECTION_MISSING, "connection was deleted", null);
        rows.forEach(r -> b.fail(r, null, "reverse", gone, null));
        return;
      }
      ConnectionConfig c = found.get();
      if (!TwoWayOptions.enabled(c)) {
        rows.forEach(r -> b.skip(r, null, "the connection is one-way now"));
        return;
      }
      if (c.paused()) {
        b.defer(rows, clock.instant().plus(PAUSE_RECHECK));
        return;
      }
      List<StoredTargetChange> latest = latestPerItem(rows, b);
      LazyMapping lazy = new LazyMapping(runtime, c, problems);
      CompiledMapping mapping = lazy.get();
      if (mapping == null) {
        latest.forEach(r -> b.fail(r, null, "map", lazy.error(), c.retry()));
        return;
      }
      route(c, mapping, latest, b);
    } finally {
      b.flush();
    }
  }

  /** The newest delivery of each item; the older ones are superseded (each carries the item). */
  private static List<StoredTargetChange> latestPerItem(
      List<StoredTargetChange> rows, ReverseBatch b) {
    Map<String, StoredTargetChange> latest = new LinkedHashMap<>();
    Comparator<StoredTargetChange> order =
        Comparator.comparing((StoredTargetChange r) -> r.change().targetVersion())
            .thenComparingLong(StoredTargetChange::id);
    for (StoredTargetChange r : rows) {
      StoredTargetChange seen = latest.get(r.change().itemId());
      if (seen == null) {
        latest.put(r.change().itemId(), r);
      } else if (order.compare(r, seen) > 0) {
        b.skip(seen, null, "superseded by a later delivery of the item");
        latest.put(r.change().itemId(), r);
      } else {
        b.skip(r, null, "superseded by a later delivery of the item");
      }
    }
    return new ArrayList<>(latest.values());
  }

  /**
   * Sends each change to its path: delete, create, or merge. A delivery of the version our own
   * write left (its echo) goes the fresh way, whose first check finds nothing changed and skips it
   * without a call; it is not dropped unseen, since our write left out the fields the source had
   * not changed and the item may carry a newer edit of those.
   */
  private void route(
      ConnectionConfig c, CompiledMapping mapping, List<StoredTargetChange> rows, ReverseBatch b) {
    ReverseMapping reverse = mapping.reverse();
    ReverseWrites writes =
        new ReverseWrites(stores, runtime, c, mapping, b, forwardQueued, problems);
    Instant now = clock.instant();
    for (StoredTargetChange r : rows) {
      IdMapping m = stores.idMap().findByItemId(c.id(), r.change().itemId()).orElse(null);
      if (m != null && forwardBusy(c, m.recordId(), r.change().kind())) {
        b.defer(List.of(r), now.plus(BUSY_WAIT));
      } else if (r.change().kind() == ChangeKind.DELETE) {
        writes.delete(r, m);
      } else if (m == null) {
        if (!TwoWayOptions.createRecords(c)) {
          b.skip(r, null, "the item is not linked to a record, and creating records is off");
        } else if (now.isBefore(r.change().receivedAt().plus(CREATE_GRACE))) {
          b.defer(List.of(r), r.change().receivedAt().plus(CREATE_GRACE));
        } else {
          writes.create(r, reverse);
        }
      } else if (m.targetVersion() != null
          && r.change().targetVersion().isBefore(m.targetVersion())) {
        // Webflow's state after our write comes with our write's own delivery, which is diffed:
        // an edit our write left alone is carried back from it. What this older delivery shows
        // may be a person's edit our write overwrote, or the late echo of an earlier write of
        // ours; the two cannot be told apart, so it is not carried back.
        b.skip(r, m.recordId(), "older than our last write to the item");
      } else {
        writes.fresh(r, m, reverse);
      }
    }
    writes.flush();
  }

  /**
   * Whether a forward write of the record is in flight (its job is claimed), or, for a delete, our
   * own delete of it is still queued: the change waits for it rather than race it.
   */
  private boolean forwardBusy(ConnectionConfig c, String recordId, ChangeKind kind) {
    return stores
        .jobs()
        .findByRecord(c.id(), recordId)
        .map(
            j ->
                j.state() == JobState.CLAIMED
                    || (kind == ChangeKind.DELETE
                        && j.kind() == ChangeKind.DELETE
                        && j.state() == JobState.PENDING))
        .orElse(false);
  }

  static JsonNode fieldData(StoredTargetChange r) {
    return ReverseMerge.fieldData(r.change().payload());
  }
}
