package dev.syncengine.store.jdbc.internal;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds one connection that LISTENs on the enqueue channel and fires the local signal for every
 * notification. Reconnects after a failure, and fires once after each (re)connect because
 * notifications sent while it was away are lost. Loaded only for PostgreSQL, so the driver stays
 * optional for other hosts.
 */
public final class PgNotifyListener implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PgNotifyListener.class);
  private static final int POLL_MILLIS = 250;

  private final DataSource dataSource;
  private final LocalSignal signal;
  private final Duration reconnectDelay;
  private final Thread thread;
  private volatile boolean closed;

  public PgNotifyListener(DataSource dataSource, LocalSignal signal, Duration reconnectDelay) {
    this.dataSource = dataSource;
    this.signal = signal;
    this.reconnectDelay = reconnectDelay;
    this.thread = new Thread(this::run, "sync-pg-listen");
    thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  private void run() {
    while (!closed) {
      try (Connection c = dataSource.getConnection()) {
        if (!c.getAutoCommit()) {
          c.setAutoCommit(true);
        }
        try (Statement st = c.createStatement()) {
          st.execute("LISTEN " + PostgresSqlDialect.CHANNEL);
        }
        PGConnection pg = c.unwrap(PGConnection.class);
        signal.fire();
        while (!closed) {
          PGNotification[] notes = pg.getNotifications(POLL_MILLIS);
          if (notes != null && notes.length > 0) {
            signal.fire();
          }
        }
      } catch (Exception e) {
        if (closed) {
          return;
        }
        log.warn(
            "enqueue listener lost its connection; polling covers until it reconnects: {}",
            e.toString());
        try {
          Thread.sleep(reconnectDelay.toMillis());
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
