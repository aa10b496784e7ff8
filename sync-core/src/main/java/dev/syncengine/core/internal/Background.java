package dev.syncengine.core.internal;

import dev.syncengine.core.model.ChangeEvent;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.spi.SourceSession;
import dev.syncengine.core.spi.Stores;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a started engine does besides its workers: start-up pulls, webhook upkeep, polling, the
 * retention purge, resuming stale backfills and the problem summaries, on one daemon thread.
 * Thread-safe.
 */
public final class Background {
  private static final Logger log = LoggerFactory.getLogger(Background.class);

  private final Stores stores;
  private final ConnectionRuntime runtime;
  private final Clock clock;
  private final Maintenance maintenance;
  private final Backfiller backfiller;
  private final Problems problems;
  private final Duration doneJobRetention;
  private final Duration eventLogRetention;
  private final Duration maintenanceInterval;
  private final Duration staleBackfill;
  private ScheduledExecutorService scheduler;

  /**
   * @param doneJobRetention how long finished queue rows are kept
   * @param eventLogRetention how long sync log entries are kept
   * @param staleBackfill how long a backfill may go without saving progress before it is resumed
   */
  public Background(
      Stores stores,
      ConnectionRuntime runtime,
      Clock clock,
      Maintenance maintenance,
      Backfiller backfiller,
      Problems problems,
      Duration doneJobRetention,
      Duration eventLogRetention,
      Duration maintenanceInterval,
      Duration staleBackfill) {
    this.stores = stores;
    this.runtime = runtime;
    this.clock = clock;
    this.maintenance = maintenance;
    this.backfiller = backfiller;
    this.problems = problems;
    this.doneJobRetention = doneJobRetention;
    this.eventLogRetention = eventLogRetention;
    this.maintenanceInterval = maintenanceInterval;
    this.staleBackfill = staleBackfill;
  }

  /** Queues the start-up pulls and starts the schedule. Idempotent. */
  public synchronized void start() {
    catchUp();
    if (scheduler != null) {
      return;
    }
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "sync-maintenance");
              t.setDaemon(true);
              return t;
            });
    every(maintenance::runAll, 5, maintenanceInterval.toSeconds(), TimeUnit.SECONDS);
    every(maintenance::pollDue, 1, 5, TimeUnit.SECONDS);
    every(this::purge, 1, 60, TimeUnit.MINUTES);
    every(() -> backfiller.resumeStale(staleBackfill), 2, 10, TimeUnit.SECONDS);
    every(problems::flush, 10, 10, TimeUnit.SECONDS);
  }

  /** Stops the schedule. Idempotent. */
  public synchronized void stop() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }

  /**
   * Deletes finished queue rows and expired idempotency keys older than the job retention, and log
   * entries older than the log retention.
   *
   * @return rows deleted
   */
  public int purge() {
    Instant now = clock.instant();
    return stores.jobs().purge(now.minus(doneJobRetention))
        + stores.targetChanges().purge(now.minus(doneJobRetention))
        + stores.eventLog().purge(now.minus(eventLogRetention));
  }

  private void every(Runnable task, long initialDelay, long delay, TimeUnit unit) {
    scheduler.scheduleWithFixedDelay(() -> guarded(task), initialDelay, delay, unit);
  }

  private static void guarded(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      log.warn("maintenance failed: {}", e.toString());
    }
  }

  /** Queues each active connection's start-up pulls ({@link SourceSession#catchUp}). */
  private void catchUp() {
    Instant now = clock.instant();
    List<ChangeEvent> pulls = new ArrayList<>();
    try {
      for (ConnectionConfig c : stores.connections().list()) {
        if (!c.paused()) {
          pulls.addAll(catchUp(c, now));
        }
      }
      if (!pulls.isEmpty()) {
        stores.jobs().enqueue(pulls);
        log.info("queued {} start-up pull(s) for changes announced while stopped", pulls.size());
      }
    } catch (RuntimeException e) {
      // The next ping or upkeep round pulls anyway; starting must not depend on it.
      log.warn("start-up pulls not queued: {}", e.toString());
    }
  }

  private List<ChangeEvent> catchUp(ConnectionConfig c, Instant now) {
    List<ChangeEvent> pulls = new ArrayList<>();
    try {
      for (ChangeEvent e : runtime.sourceSession(c).catchUp(now)) {
        if (e.connectionId().equals(c.id())) {
          pulls.add(e.withReceivedAt(now));
        }
      }
    } catch (RuntimeException e) {
      log.warn("start-up pull of {} not queued: {}", c.id(), e.toString());
    }
    return pulls;
  }
}
