package dev.syncengine.store.jdbc.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers PostgreSQL planner statistics for a queue table that has grown while its statistics still
 * describe it as empty or tiny. A fresh install has none until autovacuum's first pass (a minute or
 * more), and a table analysed while empty (the id map, when the first jobs arrive) keeps saying so:
 * the planner then takes {@code connection_id = ?} for a selective condition, and lookups of a
 * batch's keys, records or items filter every row of the connection instead of probing the unique
 * index, slower with every row a first burst or a backfill adds. Statistics gathered once at a
 * thousand rows stay right as the table grows (the planner scales them by its size), so each table
 * is analysed at most once or twice, off the caller's thread. Thread-safe.
 */
final class FreshTableStats {
  private static final Logger log = LoggerFactory.getLogger(FreshTableStats.class);

  /** Rows a table has before its statistics are worth gathering; also enqueues between checks. */
  static final long THRESHOLD = 1000;

  static final List<String> TABLES = List.of("sync_job", "sync_inbox", "sync_id_map");

  /** Pages a table has before its statistics are worth gathering (32 KB: some hundreds of rows). */
  static final int MIN_PAGES = 4;

  // each table's statistics and its size on disk now (the activity counters lag by a second or
  // more)
  private static final String TABLE_SIZES =
      "SELECT relname, reltuples, pg_relation_size(oid) / current_setting('block_size')::bigint"
          + " AS pages FROM pg_class WHERE oid IN ("
          + TABLES.stream().map(t -> "'" + t + "'::regclass").collect(Collectors.joining(", "))
          + ")";

  private final Db db;
  private final AtomicLong added = new AtomicLong();
  private final AtomicLong checkedAt = new AtomicLong();
  private final AtomicBoolean running = new AtomicBoolean();
  private volatile boolean settled;

  FreshTableStats(Db db) {
    this.db = db;
  }

  /** Counts enqueued events; every {@link #THRESHOLD} of them, checks the tables once. */
  void added(int events) {
    if (settled) {
      return;
    }
    long total = added.addAndGet(events);
    long last = checkedAt.get();
    if (total - last < THRESHOLD
        || !checkedAt.compareAndSet(last, total)
        || !running.compareAndSet(false, true)) {
      return;
    }
    Thread t = new Thread(this::check, "sync-analyze");
    t.setDaemon(true);
    t.start();
  }

  private void check() {
    try {
      db.jdbi()
          .useHandle(
              h -> {
                int settledTables = 0;
                for (Map<String, Object> t : h.createQuery(TABLE_SIZES).mapToMap().list()) {
                  double rows = ((Number) t.get("reltuples")).doubleValue();
                  if (rows >= THRESHOLD) {
                    settledTables++;
                  } else if (((Number) t.get("pages")).longValue() >= MIN_PAGES) {
                    String table = (String) t.get("relname"); // one of TABLES
                    h.execute("ANALYZE " + table);
                    log.debug("gathered planner statistics for {}", table);
                  }
                }
                settled = settledTables == TABLES.size();
              });
    } catch (RuntimeException e) {
      // autovacuum gets there too, only later
      log.debug("could not gather planner statistics: {}", e.toString());
    } finally {
      running.set(false);
    }
  }
}
