package dev.syncengine.core.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.syncengine.core.BackfillStatus;
import dev.syncengine.core.BackfillStatus.State;
import dev.syncengine.core.model.ChangeEvent;
import dev.syncengine.core.model.ChangeKind;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.IdMapping;
import dev.syncengine.core.model.SourceRecord;
import dev.syncengine.core.spi.SourceAdapter;
import dev.syncengine.core.spi.SourceSession;
import dev.syncengine.core.spi.Stores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backfill and reconcile: page the source's records into the queue through the same path as
 * webhooks, with a resumable cursor and progress kept in the cursor store. Reconcile also compares
 * with the id map to find records changed or deleted without a webhook. Thread-safe.
 */
public final class Backfiller {
  private static final Logger log = LoggerFactory.getLogger(Backfiller.class);
  private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
  static final int PAGE_SIZE = 1000;

  private final Stores stores;
  private final ConnectionRuntime runtime;
  private final Clock clock;
  private final Runnable onEnqueue;
  private final ExecutorService executor;
  // lists the next page while the runner stores the current one
  private final ExecutorService lister;
  private final Map<String, Future<?>> running = new ConcurrentHashMap<>();
  private final Set<String> cancelled = ConcurrentHashMap.newKeySet();

  private final Problems problems;
  private final TwoWayLinker linker;

  public Backfiller(
      Stores stores,
      ConnectionRuntime runtime,
      Clock clock,
      Runnable onEnqueue,
      Problems problems) {
    this.problems = problems;
    this.linker = new TwoWayLinker(stores, runtime, clock, problems);
    this.stores = stores;
    this.runtime = runtime;
    this.clock = clock;
    this.onEnqueue = onEnqueue;
    this.executor = Executors.newFixedThreadPool(1, daemon("sync-backfill"));
    this.lister = Executors.newCachedThreadPool(daemon("sync-backfill-list"));
  }

  private static ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  private static String statusKey(String kind) {
    return kind + ".status";
  }

  private static String cursorKey(String kind) {
    return kind + ".cursor";
  }

  /** Starts (or resumes, when one was left running) a run in the background. */
  public synchronized BackfillStatus start(ConnectionConfig c, String kind) {
    Future<?> f = running.get(c.id());
    if (f != null && !f.isDone()) {
      return status(c.id()).orElseThrow();
    }
    Optional<BackfillStatus> previous = status(c.id());
    // A reconcile cannot resume: the records it saw before the interruption live only in the
    // run's memory, and resuming with them forgotten would delete every one of those items.
    boolean resume =
        previous.isPresent()
            && previous.get().state() == State.RUNNING
            && previous.get().kind().equals(kind)
            && !kind.equals("reconcile");
    if (!resume) {
      stores.cursors().delete(c.id(), cursorKey(kind));
    }
    Instant now = clock.instant();
    BackfillStatus initial =
        resume
            ? previous.get()
            : new BackfillStatus(c.id(), kind, State.RUNNING, 0, -1, 0, now, now, null);
    save(initial);
    cancelled.remove(c.id());
    running.put(c.id(), executor.submit(() -> run(c, initial)));
    return initial;
  }

  /**
   * Resumes runs left {@code RUNNING} by a process that died: a run's status is saved after every
   * page, so one not updated for {@code staleAfter} and not running here has lost its runner.
   * Paused connections are left alone until resumed.
   *
   * @return the connections whose run was resumed
   */
  public synchronized List<String> resumeStale(Duration staleAfter) {
    List<String> resumed = new ArrayList<>();
    Instant cutoff = clock.instant().minus(staleAfter);
    for (ConnectionConfig c : stores.connections().list()) {
      Future<?> f = running.get(c.id());
      if (c.paused() || (f != null && !f.isDone())) {
        continue;
      }
      Optional<BackfillStatus> s = status(c.id());
      if (s.isPresent()
          && s.get().state() == State.RUNNING
          && s.get().updatedAt() != null
          && s.get().updatedAt().isBefore(cutoff)) {
        log.info(
            "resuming the {} of {} left running by a stopped instance", s.get().kind(), c.id());
        start(c, s.get().kind());
        resumed.add(c.id());
      }
    }
    return resumed;
  }

  /** Asks a running backfill to stop after its current page. */
  public boolean cancel(String connectionId) {
    Future<?> f = running.get(connectionId);
    if (f == null || f.isDone()) {
      return false;
    }
    cancelled.add(connectionId);
    return true;
  }

  public Optional<BackfillStatus> status(String connectionId) {
    Optional<BackfillStatus> b = read(connectionId, "backfill");
    Optional<BackfillStatus> r = read(connectionId, "reconcile");
    if (b.isEmpty()) {
      return r;
    }
    if (r.isEmpty()) {
      return b;
    }
    return b.get().startedAt().isAfter(r.get().startedAt()) ? b : r;
  }

  private Optional<BackfillStatus> read(String connectionId, String kind) {
    return stores
        .cursors()
        .get(connectionId, statusKey(kind))
        .map(
            s -> {
              try {
                return JSON.readValue(s, BackfillStatus.class);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }

  private void save(BackfillStatus s) {
    try {
      stores.cursors().put(s.connectionId(), statusKey(s.kind()), JSON.writeValueAsString(s));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Blocks until the connection's current run ends (for tests and cron hosts). */
  public void await(String connectionId) throws Exception {
    Future<?> f = running.get(connectionId);
    if (f != null) {
      f.get();
    }
  }

  private void run(ConnectionConfig c, BackfillStatus start) {
    String kind = start.kind();
    boolean reconcile = kind.equals("reconcile");
    BackfillStatus s = start;
    Set<String> seen = reconcile ? new HashSet<>() : null;
    Future<SourceAdapter.RecordPage> next = null;
    try {
      SourceSession source = runtime.sourceSession(c);
      String cursor = stores.cursors().get(c.id(), cursorKey(kind)).orElse(null);
      if (cursor == null && TwoWayOptions.enabled(c)) {
        // before any change is queued, so each run's change of a matched record updates its item
        s =
            new BackfillStatus(
                s.connectionId(),
                kind,
                State.RUNNING,
                0,
                -1,
                0,
                s.startedAt(),
                clock.instant(),
                null,
                linker.link(c, source, kind));
        save(s);
        onEnqueue.run(); // wakes the reverse worker for the items queued as records
      }
      next = listAhead(source, cursor);
      while (true) {
        if (cancelled.remove(c.id())) {
          s = with(s, State.CANCELLED, s.done(), s.total(), s.deletions(), null);
          save(s);
          return;
        }
        SourceAdapter.RecordPage page = take(next);
        cursor = page.nextCursor();
        boolean last = cursor == null || page.records().isEmpty();
        // The next page is listed while this one is stored: the source's round trip and the
        // queue's insert overlap, so a large backfill builds its backlog twice as fast.
        next = last ? null : listAhead(source, cursor);
        List<ChangeEvent> events = upserts(c, page, seen);
        if (!events.isEmpty()) {
          stores.jobs().enqueue(events);
          onEnqueue.run();
        }
        if (cursor != null) {
          stores.cursors().put(c.id(), cursorKey(kind), cursor);
        }
        s =
            with(
                s,
                State.RUNNING,
                s.done() + page.records().size(),
                page.total(),
                s.deletions(),
                null);
        save(s);
        if (last) {
          break;
        }
      }
      long deletions = 0;
      if (reconcile) {
        deletions = enqueueDeletions(c, seen);
      }
      stores.cursors().delete(c.id(), cursorKey(kind));
      s = with(s, State.DONE, s.done(), s.total() < 0 ? s.done() : s.total(), deletions, null);
      save(s);
    } catch (RuntimeException e) {
      failed(c, s, e);
    } finally {
      if (next != null) {
        next.cancel(true);
      }
      running.remove(c.id());
    }
  }

  /** Starts listing the page at {@code cursor} on the listing thread. */
  private Future<SourceAdapter.RecordPage> listAhead(SourceSession source, String cursor) {
    return lister.submit(() -> source.list(cursor, PAGE_SIZE, null));
  }

  /** The listed page, or the listing's own exception. */
  private static SourceAdapter.RecordPage take(Future<SourceAdapter.RecordPage> page) {
    try {
      return page.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err; // as if listed on this thread: the run dies with its status left RUNNING
      }
      throw new IllegalStateException("listing failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("backfill interrupted");
    }
  }

  /**
   * The upserts one page makes. On a reconcile ({@code seen} not null) the page's ids are added to
   * {@code seen}, and records already written at their version are left out.
   */
  private List<ChangeEvent> upserts(
      ConnectionConfig c, SourceAdapter.RecordPage page, Set<String> seen) {
    boolean reconcile = seen != null;
    List<ChangeEvent> events = new ArrayList<>();
    Map<String, IdMapping> known =
        reconcile
            ? stores.idMap().findAll(c.id(), page.records().stream().map(SourceRecord::id).toList())
            : Map.of();
    Instant now = clock.instant();
    for (SourceRecord r : page.records()) {
      if (reconcile) {
        seen.add(r.id());
        IdMapping m = known.get(r.id());
        if (m != null && m.sourceVersion() != null && !r.version().isAfter(m.sourceVersion())) {
          continue; // already written at this version
        }
      }
      events.add(
          new ChangeEvent(c.id(), r.id(), ChangeKind.UPSERT, r.version(), r.raw(), null, now));
    }
    return events;
  }

  private void failed(ConnectionConfig c, BackfillStatus s, RuntimeException e) {
    String kind = s.kind();
    if (e instanceof dev.syncengine.core.spi.SyncException se) {
      problems.upstream(c, kind, se.error().code(), se.error().message(), null, null);
    } else {
      log.warn("{} of {} failed: {}", kind, c.id(), e.toString());
    }
    save(with(s, State.FAILED, s.done(), s.total(), s.deletions(), e.getMessage()));
  }

  private long enqueueDeletions(ConnectionConfig c, Set<String> seen) {
    long count = 0;
    String after = null;
    while (true) {
      List<IdMapping> page = stores.idMap().list(c.id(), after, PAGE_SIZE);
      if (page.isEmpty()) {
        return count;
      }
      Instant now = clock.instant();
      List<ChangeEvent> deletes = new ArrayList<>();
      for (IdMapping m : page) {
        if (!seen.contains(m.recordId())) {
          // The record is gone, so its deletion is newer than anything written, whatever the
          // source's clock said: never let our clock make the delete look stale.
          Instant version =
              m.sourceVersion() != null && !m.sourceVersion().isBefore(now)
                  ? m.sourceVersion().plusMillis(1)
                  : now;
          deletes.add(
              new ChangeEvent(c.id(), m.recordId(), ChangeKind.DELETE, version, null, null, now));
        }
      }
      if (!deletes.isEmpty()) {
        stores.jobs().enqueue(deletes);
        onEnqueue.run();
        count += deletes.size();
      }
      after = page.get(page.size() - 1).recordId();
    }
  }

  private BackfillStatus with(
      BackfillStatus s, State state, long done, long total, long deletions, String error) {
    return new BackfillStatus(
        s.connectionId(),
        s.kind(),
        state,
        done,
        total,
        deletions,
        s.startedAt(),
        clock.instant(),
        error,
        s.linking());
  }

  public void shutdown() {
    executor.shutdownNow();
    lister.shutdownNow();
  }
}
