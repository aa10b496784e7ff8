package dev.syncengine.store.jdbc.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers PostgreSQL planner statistics for the queue tables once they have grown, when nothing has
 * gathered any yet. A fresh install has none until autovacuum's first pass (a minute or more), and
 * without them the planner takes {@code connection_id = ?} for a selective condition: lookups of a
 * batch's keys then filter every row of the connection instead of probing the unique index, and a
 * first burst of webhooks or a backfill slows down as the tables grow. Runs {@code ANALYZE} once,
 * off the caller's thread. Thread-safe.
 */
final class FreshTableStats {
  private static final Logger log = LoggerFactory.getLogger(FreshTableStats.class);

  /** Rows enqueued by this process before the check runs. */
  static final long THRESHOLD = 1000;

  static final String TABLES = "sync_job, sync_inbox, sync_id_map";

  private static final String NEVER_ANALYZED =
      "SELECT count(*) FROM pg_stat_user_tables WHERE relid IN"
          + " ('sync_job'::regclass, 'sync_inbox'::regclass, 'sync_id_map'::regclass)"
          + " AND last_analyze IS NULL AND last_autoanalyze IS NULL";

  private final Db db;
  private final AtomicLong added = new AtomicLong();
  private final AtomicBoolean started = new AtomicBoolean();

  FreshTableStats(Db db) {
    this.db = db;
  }

  /** Counts enqueued events; past the threshold, starts the one check. */
  void added(int events) {
    if (started.get()
        || added.addAndGet(events) < THRESHOLD
        || !started.compareAndSet(false, true)) {
      return;
    }
    Thread t = new Thread(this::analyzeIfNeverAnalyzed, "sync-analyze");
    t.setDaemon(true);
    t.start();
  }

  private void analyzeIfNeverAnalyzed() {
    try {
      db.jdbi()
          .useHandle(
              h -> {
                long never = h.createQuery(NEVER_ANALYZED).mapTo(Long.class).one();
                if (never > 0) {
                  h.execute("ANALYZE " + TABLES);
                  log.debug("gathered planner statistics for {}", TABLES);
                }
              });
    } catch (RuntimeException e) {
      // autovacuum gets there too, only later
      log.debug("could not gather planner statistics: {}", e.toString());
    }
  }
}
