package dev.syncengine.store.jdbc.internal;

import dev.syncengine.store.jdbc.Dialect;
import java.util.List;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** What differs between the databases, in one place per dialect. Thread-safe. */
public abstract class SqlDialect {

  public static SqlDialect of(Dialect dialect) {
    return switch (dialect) {
      case POSTGRESQL -> new PostgresSqlDialect();
      case H2 -> new H2SqlDialect();
      case MARIADB -> new MariaDbSqlDialect();
    };
  }

  public abstract Dialect dialect();

  /** Adjusts how the store's statements run on this database (before any runs). */
  public void configure(Jdbi jdbi) {}

  /**
   * An insert-or-replace of one row with named parameters {@code :column}.
   *
   * @param keys the primary key columns
   * @param values the other columns
   */
  public abstract String upsert(String table, List<String> keys, List<String> values);

  /** Integer division of two non-negative BIGINT expressions. */
  public String intDiv(String dividend, String divisor) {
    return "(" + dividend + ") / (" + divisor + ")";
  }

  /** Whether transactions must ask for READ COMMITTED explicitly. */
  public boolean readCommitted() {
    return false;
  }

  /** Whether claim transactions must run one at a time within this JVM. */
  public boolean serializeClaims() {
    return false;
  }

  /** How this database completes claimed jobs. */
  public JobCompleter completer() {
    return new JobCompleter();
  }

  /** How this database claims jobs. */
  public abstract JobClaimer claimer();

  /** Takes the migration lock on {@code handle}'s connection; the result releases it. */
  public abstract AutoCloseable lockForMigration(Handle handle, String databaseKey);

  /**
   * SQL count and nearest-rank percentiles (columns n, p50, p95, p99) of {@code latency_ms}, or
   * null to compute them in Java.
   */
  public String latencyPercentilesSelect() {
    return null;
  }

  static String params(List<String> columns) {
    return columns.stream().map(c -> ":" + c).collect(Collectors.joining(", "));
  }

  static String names(List<String> columns) {
    return String.join(", ", columns);
  }
}
