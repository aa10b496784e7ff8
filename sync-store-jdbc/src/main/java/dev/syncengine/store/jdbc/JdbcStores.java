package dev.syncengine.store.jdbc;

import dev.syncengine.core.spi.ConnectionStore;
import dev.syncengine.core.spi.CursorStore;
import dev.syncengine.core.spi.EventLogStore;
import dev.syncengine.core.spi.IdMapStore;
import dev.syncengine.core.spi.JobStore;
import dev.syncengine.core.spi.StoreUnavailableException;
import dev.syncengine.core.spi.TargetChangeStore;
import dev.syncengine.store.jdbc.internal.Db;
import dev.syncengine.store.jdbc.internal.JdbcConnectionStore;
import dev.syncengine.store.jdbc.internal.JdbcCursorStore;
import dev.syncengine.store.jdbc.internal.JdbcEventLogStore;
import dev.syncengine.store.jdbc.internal.JdbcIdMapStore;
import dev.syncengine.store.jdbc.internal.JdbcJobStore;
import dev.syncengine.store.jdbc.internal.JdbcTargetChangeStore;
import dev.syncengine.store.jdbc.internal.LocalSignal;
import dev.syncengine.store.jdbc.internal.Migrator;
import dev.syncengine.store.jdbc.internal.PgNotifyListener;
import dev.syncengine.store.jdbc.internal.SqlDialect;
import dev.syncengine.store.jdbc.internal.SqlErrors;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;

/**
 * Every SyncEngine store on one JDBC {@link DataSource}: PostgreSQL, H2 or MariaDB/MySQL, detected
 * from the connection. Applies the bundled migrations on start (see {@link Migrations}).
 *
 * <pre>{@code
 * JdbcStores stores = JdbcStores.create(dataSource, JdbcStoreOptions.builder()
 *     .secretCodec(SecretCodec.of(box::seal, box::open))
 *     .build());
 * JobStore queue = stores.jobStore();
 * try (JobSubscription s = stores.listen(worker::wakeUp)) { ... }
 * }</pre>
 *
 * <p>Use a pooled {@code DataSource}: every store call borrows one connection for one transaction.
 * Thread-safe; {@link #close()} stops the enqueue listener, never the {@code DataSource}.
 */
public final class JdbcStores implements AutoCloseable {
  private final DataSource dataSource;
  private final JdbcStoreOptions options;
  private final Dialect dialect;
  private final LocalSignal signal = new LocalSignal();
  private final JdbcJobStore jobStore;
  private final JdbcConnectionStore connectionStore;
  private final JdbcIdMapStore idMapStore;
  private final JdbcCursorStore cursorStore;
  private final JdbcEventLogStore eventLogStore;
  private final JdbcTargetChangeStore targetChangeStore;
  private PgNotifyListener listener;
  private boolean closed;

  private JdbcStores(DataSource dataSource, JdbcStoreOptions options) {
    this.dataSource = dataSource;
    this.options = options;
    String databaseKey;
    try (Connection c = dataSource.getConnection()) {
      DatabaseMetaData md = c.getMetaData();
      this.dialect = Dialect.detect(md);
      // names the database for locks that are wider than it (MariaDB's server-wide GET_LOCK, a JVM
      // lock for H2); PostgreSQL's advisory locks are per database already
      databaseKey = dialect == Dialect.MARIADB ? c.getCatalog() : md.getURL();
    } catch (SQLException e) {
      if (SqlErrors.isUnavailable(e)) {
        throw new StoreUnavailableException("database unavailable", e);
      }
      throw new JdbcStoreException("cannot read database metadata", e);
    }
    Jdbi jdbi = Jdbi.create(dataSource);
    // optional filters bind null for absent conditions rather than branching every bind
    jdbi.getConfig(SqlStatements.class).setUnusedBindingAllowed(true);
    SqlDialect sql = SqlDialect.of(dialect);
    sql.configure(jdbi);
    Db db = new Db(jdbi, sql, options.clock());
    if (options.migrate()) {
      new Migrator(db).migrate(databaseKey);
    }
    this.jobStore = new JdbcJobStore(db, options.inboxRetention(), signal);
    this.connectionStore = new JdbcConnectionStore(db, options.secretCodec());
    this.idMapStore = new JdbcIdMapStore(db);
    this.cursorStore = new JdbcCursorStore(db);
    this.eventLogStore = new JdbcEventLogStore(db);
    this.targetChangeStore = new JdbcTargetChangeStore(db);
  }

  /** Stores with {@link JdbcStoreOptions#ofDefaults()}. */
  public static JdbcStores create(DataSource dataSource) {
    return create(dataSource, JdbcStoreOptions.ofDefaults());
  }

  /**
   * Detects the dialect, applies pending migrations (unless turned off) and builds every store.
   *
   * @throws StoreUnavailableException when the database cannot be reached
   * @throws JdbcStoreException when it is not supported or a migration fails
   */
  public static JdbcStores create(DataSource dataSource, JdbcStoreOptions options) {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(options, "options");
    try {
      return new JdbcStores(dataSource, options);
    } catch (IllegalArgumentException e) {
      throw new JdbcStoreException(e.getMessage(), e);
    }
  }

  public Dialect dialect() {
    return dialect;
  }

  public JobStore jobStore() {
    return jobStore;
  }

  public ConnectionStore connectionStore() {
    return connectionStore;
  }

  public IdMapStore idMapStore() {
    return idMapStore;
  }

  public CursorStore cursorStore() {
    return cursorStore;
  }

  public EventLogStore eventLogStore() {
    return eventLogStore;
  }

  /** The stream of changes made at the target (two-way connections). */
  public TargetChangeStore targetChangeStore() {
    return targetChangeStore;
  }

  /**
   * Every store as the set the engine takes: {@code SyncEngine.builder().stores(jdbc.stores())}.
   */
  public dev.syncengine.core.spi.Stores stores() {
    return new dev.syncengine.core.spi.Stores(
        jobStore, connectionStore, idMapStore, cursorStore, eventLogStore, targetChangeStore);
  }

  /**
   * Calls {@code onEnqueue} soon after jobs are enqueued: by any process through PostgreSQL's
   * {@code LISTEN/NOTIFY}, by this process on other databases. It may also fire spuriously (e.g.
   * after the listener reconnects), and can miss a wake-up while the database is away, so keep
   * polling as the fallback. The callback runs on a store thread: keep it short (signal a worker).
   */
  public synchronized JobSubscription listen(Runnable onEnqueue) {
    Objects.requireNonNull(onEnqueue, "onEnqueue");
    if (closed) {
      throw new IllegalStateException("closed");
    }
    // subscribed first: the listener fires once it is listening, and that must reach this callback
    AutoCloseable registration = signal.subscribe(onEnqueue);
    if (dialect == Dialect.POSTGRESQL && listener == null) {
      listener = new PgNotifyListener(dataSource, signal, options.listenReconnectDelay());
      listener.start();
    }
    return () -> {
      try {
        registration.close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    };
  }

  /**
   * Stops the enqueue listener and the cross-process notifier. The stores keep working; the {@code
   * DataSource} stays open.
   */
  @Override
  public synchronized void close() {
    closed = true;
    jobStore.close();
    if (listener != null) {
      listener.close();
      listener = null;
    }
  }
}
