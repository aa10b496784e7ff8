package dev.syncengine.store.jdbc.internal;

import dev.syncengine.store.jdbc.Dialect;
import dev.syncengine.store.jdbc.JdbcStoreException;
import java.util.List;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/** MariaDB 10.6+ and MySQL 8 on InnoDB. */
final class MariaDbSqlDialect extends SqlDialect {
  private final JobClaimer claimer = new SelectThenUpdateClaimer();

  @Override
  public Dialect dialect() {
    return Dialect.MARIADB;
  }

  @Override
  public String upsert(String table, List<String> keys, List<String> values) {
    List<String> all = PostgresSqlDialect.concat(keys, values);
    return "INSERT INTO "
        + table
        + " ("
        + names(all)
        + ") VALUES ("
        + params(all)
        + ") ON DUPLICATE KEY UPDATE "
        + values.stream().map(c -> c + " = VALUES(" + c + ")").collect(Collectors.joining(", "));
  }

  @Override
  public String intDiv(String dividend, String divisor) {
    return "(" + dividend + ") DIV (" + divisor + ")";
  }

  @Override
  public boolean readCommitted() {
    return true;
  }

  @Override
  public JobClaimer claimer() {
    return claimer;
  }

  @Override
  public AutoCloseable lockForMigration(Handle handle, String databaseKey) {
    // GET_LOCK names are server-wide: scope the lock to this database; names are capped at 64
    String name = ("sync_migrate_" + databaseKey);
    String lockName = name.length() > 64 ? name.substring(0, 64) : name;
    Integer got =
        handle
            .createQuery("SELECT GET_LOCK(:n, 300)")
            .bind("n", lockName)
            .mapTo(Integer.class)
            .one();
    if (got == null || got != 1) {
      throw new JdbcStoreException("timed out waiting for the migration lock " + lockName, null);
    }
    return () ->
        handle
            .createQuery("SELECT RELEASE_LOCK(:n)")
            .bind("n", lockName)
            .mapTo(Integer.class)
            .one();
  }
}
