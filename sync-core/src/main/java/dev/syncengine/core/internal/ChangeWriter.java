package dev.syncengine.core.internal;

import dev.syncengine.core.SyncListener;
import dev.syncengine.core.model.ChangeKind;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.IdMapping;
import dev.syncengine.core.model.Job;
import dev.syncengine.core.spi.Stores;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one connection's claimed changes: drops stale ones, splits the rest into chunks of one
 * kind (create, update, delete; the kind holding the oldest change first), and carries each chunk
 * through fetch, map and write. A chunk that is not full and whose write would wait for the
 * target's rate limit goes back to the queue instead, so the changes arriving meanwhile join it and
 * the next free request carries all of them (each chunk by a {@link ChunkWriter}). Stateless and
 * thread-safe.
 */
final class ChangeWriter {
  private static final Logger log = LoggerFactory.getLogger(ChangeWriter.class);

  /** How long a source change waits for a due target change of its item to be carried back. */
  static final Duration REVERSE_WAIT = Duration.ofMillis(300);

  private final Services services;
  private final Stores stores;
  private final ConnectionRuntime runtime;

  ChangeWriter(
      Stores stores,
      ConnectionRuntime runtime,
      SyncListener listener,
      Clock clock,
      Problems problems) {
    this.services = new Services(stores, runtime, listener, clock, problems);
    this.stores = stores;
    this.runtime = runtime;
  }

  /** What every chunk's write uses. */
  record Services(
      Stores stores,
      ConnectionRuntime runtime,
      SyncListener listener,
      Clock clock,
      Problems problems) {}

  /** What one call needs besides the jobs: where outcomes go and whose claims these are. */
  record Batch(ConnectionConfig connection, String owner, Outcomes out, Runnable dispatched) {}

  /**
   * Writes or gives back every job.
   *
   * @return how long the first chunk's write would have waited when it was given back (so the
   *     caller can hold off claiming it again until then), zero when anything was written
   */
  Duration write(Batch b, List<Job> jobs) {
    ConnectionConfig c = b.connection();
    Map<String, IdMapping> existing =
        stores.idMap().findAll(c.id(), jobs.stream().map(Job::recordId).toList());
    boolean twoWay = TwoWayOptions.enabled(c);
    List<Job> live = dropStale(jobs, existing, b.out(), twoWay);
    if (twoWay) {
      live = afterReverse(b, live, existing);
    }
    Map<String, String> createKeys = createKeys(c, live, existing);
    Duration held = Duration.ZERO;
    boolean first = true;
    LazyMapping mapping = new LazyMapping(runtime, c, services.problems());
    for (List<Job> chunk : chunks(live, existing, c.batchSize())) {
      Duration wait = chunk.size() < c.batchSize() ? untilNextWrite(c) : Duration.ZERO;
      if (!wait.isZero()) {
        List<Long> ids = chunk.stream().map(Job::id).toList();
        b.out().givingBack(ids);
        stores.jobs().release(b.owner(), ids);
        if (first) {
          held = wait;
        }
      } else {
        first = false;
        new ChunkWriter(services, b, chunk, existing, createKeys).run(mapping);
      }
    }
    return held;
  }

  private Duration untilNextWrite(ConnectionConfig c) {
    try {
      Duration d = runtime.sinkSession(c).untilNextWrite();
      return d == null || d.isNegative() ? Duration.ZERO : d;
    } catch (RuntimeException e) {
      return Duration.ZERO; // the write itself reports what is wrong
    }
  }

  /**
   * Drops changes older than what was already written (a late, out-of-order delivery), and on a
   * two-way connection the change event of the version our own reverse write left (its echo).
   */
  private static List<Job> dropStale(
      List<Job> jobs, Map<String, IdMapping> existing, Outcomes out, boolean twoWay) {
    List<Job> live = new ArrayList<>();
    for (Job j : jobs) {
      IdMapping m = existing.get(j.recordId());
      if (m != null && m.sourceVersion() != null && j.sourceVersion().isBefore(m.sourceVersion())) {
        out.skip(j, m.itemId(), "older than the version already written");
      } else if (twoWay
          && m != null
          && j.kind() == ChangeKind.UPSERT
          && j.sourceVersion().equals(m.sourceVersion())) {
        out.skip(j, m.itemId(), "echo of our own write (this version is already synced)");
      } else {
        live.add(j);
      }
    }
    return live;
  }

  /**
   * On a two-way connection, a change whose item has a target change due or in work waits for it
   * (briefly), so the target's edit is carried back and merged before the source's is written over
   * it.
   */
  private List<Job> afterReverse(Batch b, List<Job> live, Map<String, IdMapping> existing) {
    List<String> items = new ArrayList<>();
    for (Job j : live) {
      IdMapping m = existing.get(j.recordId());
      if (m != null && m.itemId() != null) {
        items.add(m.itemId());
      }
    }
    if (items.isEmpty()) {
      return live;
    }
    java.util.Set<String> busy;
    try {
      busy = stores.targetChanges().pendingItems(b.connection().id(), items);
    } catch (RuntimeException e) {
      return live; // no reverse stream to wait for
    }
    if (busy.isEmpty()) {
      return live;
    }
    List<Job> wait = new ArrayList<>();
    List<Job> go = new ArrayList<>();
    for (Job j : live) {
      IdMapping m = existing.get(j.recordId());
      (m != null && busy.contains(m.itemId()) ? wait : go).add(j);
    }
    b.out().givingBack(wait.stream().map(Job::id).toList());
    stores.jobs().defer(b.owner(), wait, services.clock().instant().plus(REVERSE_WAIT));
    return go;
  }

  /**
   * Creates sent before and never confirmed (a crash, a lost response): the sink finds the item by
   * the key it recorded then instead of making a second one. Deletes too: a record deleted right
   * after an unconfirmed create still has that item.
   */
  private Map<String, String> createKeys(
      ConnectionConfig c, List<Job> live, Map<String, IdMapping> existing) {
    List<String> unmapped =
        live.stream()
            .map(Job::recordId)
            .filter(r -> existing.get(r) == null || existing.get(r).itemId() == null)
            .toList();
    return unmapped.isEmpty() ? Map.of() : stores.idMap().findCreateIntents(c.id(), unmapped);
  }

  /**
   * Creates, updates and deletes each go to their own bulk call, so chunks of one kind fill every
   * request up to the batch size; the kind whose oldest change waited longest goes first.
   */
  static List<List<Job>> chunks(List<Job> live, Map<String, IdMapping> existing, int size) {
    Map<Integer, List<Job>> byKind = new LinkedHashMap<>();
    for (Job j : live) {
      byKind.computeIfAbsent(kindOf(j, existing.get(j.recordId())), k -> new ArrayList<>()).add(j);
    }
    List<List<Job>> groups = new ArrayList<>(byKind.values());
    groups.sort(
        Comparator.comparing(
            (List<Job> g) -> g.stream().map(Job::enqueuedAt).min(Comparator.naturalOrder()).get()));
    List<List<Job>> chunks = new ArrayList<>();
    for (List<Job> g : groups) {
      for (int from = 0; from < g.size(); from += size) {
        chunks.add(g.subList(from, Math.min(g.size(), from + size)));
      }
    }
    return chunks;
  }

  /** 0 create, 1 update, 2 delete, as far as the id map tells before mapping. */
  private static int kindOf(Job j, IdMapping m) {
    if (j.kind() == ChangeKind.DELETE) {
      return 2;
    }
    return m == null || m.itemId() == null ? 0 : 1;
  }
}
