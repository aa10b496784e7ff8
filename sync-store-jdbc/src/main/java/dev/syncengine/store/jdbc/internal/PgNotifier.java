package dev.syncengine.store.jdbc.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells other processes about new work with a {@code NOTIFY} sent after the enqueue has committed,
 * coalesced: at most one notification in flight and one per {@code minInterval}, however many
 * enqueues commit. A {@code NOTIFY} inside the enqueue transaction would hold PostgreSQL's
 * notification-queue lock through every commit's WAL flush, serializing the ingest path's commits
 * behind one another. A request made while a notification is being sent is followed by another, so
 * every enqueue is followed by a notification that starts after it committed. Thread-safe.
 */
final class PgNotifier implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PgNotifier.class);
  private static final String NOTIFY = "SELECT pg_notify('" + PostgresSqlDialect.CHANNEL + "', '')";

  private final Db db;
  private final long minIntervalNanos;
  private final AtomicBoolean wanted = new AtomicBoolean();
  private final Thread thread;
  private volatile boolean closed;

  PgNotifier(Db db, Duration minInterval) {
    this.db = db;
    this.minIntervalNanos = minInterval.toNanos();
    this.thread = new Thread(this::run, "sync-pg-notify");
    thread.setDaemon(true);
    thread.start();
  }

  /** Asks for a notification; returns at once. */
  void request() {
    if (!wanted.getAndSet(true)) {
      LockSupport.unpark(thread);
    }
  }

  private void run() {
    while (!closed) {
      if (!wanted.getAndSet(false)) {
        LockSupport.park(this);
        continue;
      }
      long started = System.nanoTime();
      try {
        db.jdbi().useHandle(h -> h.createQuery(NOTIFY).mapTo(String.class).one());
      } catch (RuntimeException e) {
        // the workers' polling covers a lost wake-up
        log.debug("could not send the enqueue notification: {}", e.toString());
      }
      long rest = minIntervalNanos - (System.nanoTime() - started);
      if (rest > 0) {
        LockSupport.parkNanos(rest);
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(thread);
    try {
      thread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
