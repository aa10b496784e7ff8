package dev.syncengine.store.jdbc.internal;

import dev.syncengine.store.jdbc.Dialect;
import java.util.List;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** PostgreSQL 12+. */
final class PostgresSqlDialect extends SqlDialect {
  /** The channel enqueue transactions NOTIFY on. */
  static final String CHANNEL = "sync_job_enqueued";

  // any fixed number; "SYNC" in ASCII, so other users of advisory locks can recognise it
  private static final long MIGRATION_LOCK_KEY = 0x53594E43L;

  private final JobClaimer claimer = new PostgresJobClaimer();

  @Override
  public Dialect dialect() {
    return Dialect.POSTGRESQL;
  }

  @Override
  public void configure(Jdbi jdbi) {
    jdbi.addCustomizer(PgCustomPlans.INSTANCE);
  }

  @Override
  public String upsert(String table, List<String> keys, List<String> values) {
    List<String> all = concat(keys, values);
    return "INSERT INTO "
        + table
        + " ("
        + names(all)
        + ") VALUES ("
        + params(all)
        + ") ON CONFLICT ("
        + names(keys)
        + ") DO UPDATE SET "
        + values.stream().map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", "));
  }

  @Override
  public JobCompleter completer() {
    return new PostgresJobCompleter();
  }

  @Override
  public JobClaimer claimer() {
    return claimer;
  }

  @Override
  public AutoCloseable lockForMigration(Handle handle, String databaseKey) {
    handle
        .createQuery("SELECT pg_advisory_lock(:k)")
        .bind("k", MIGRATION_LOCK_KEY)
        .mapTo(String.class)
        .one();
    return () ->
        handle
            .createQuery("SELECT pg_advisory_unlock(:k)")
            .bind("k", MIGRATION_LOCK_KEY)
            .mapTo(Boolean.class)
            .one();
  }

  @Override
  public String latencyPercentilesSelect() {
    return "SELECT COUNT(*) AS n,"
        + " percentile_disc(0.5) WITHIN GROUP (ORDER BY latency_ms) AS p50,"
        + " percentile_disc(0.95) WITHIN GROUP (ORDER BY latency_ms) AS p95,"
        + " percentile_disc(0.99) WITHIN GROUP (ORDER BY latency_ms) AS p99";
  }

  static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
