package dev.syncengine.store.jdbc.internal;

import dev.syncengine.store.jdbc.Dialect;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Handle;

/**
 * H2 2.x. An H2 database file is opened by one process, so a lock inside this JVM keeps two store
 * instances from migrating at once; the version table's primary key is the last line of defence.
 */
final class H2SqlDialect extends SqlDialect {
  private static final Map<String, ReentrantLock> MIGRATION_LOCKS = new ConcurrentHashMap<>();

  private final JobClaimer claimer = new SelectThenUpdateClaimer();

  @Override
  public Dialect dialect() {
    return Dialect.H2;
  }

  @Override
  public String upsert(String table, List<String> keys, List<String> values) {
    List<String> all = PostgresSqlDialect.concat(keys, values);
    return "MERGE INTO "
        + table
        + " ("
        + names(all)
        + ") KEY ("
        + names(keys)
        + ") VALUES ("
        + params(all)
        + ")";
  }

  @Override
  public JobClaimer claimer() {
    return claimer;
  }

  // H2 applies LIMIT before SKIP LOCKED, so concurrent claims would starve each other
  @Override
  public boolean serializeClaims() {
    return true;
  }

  @Override
  public AutoCloseable lockForMigration(Handle handle, String databaseKey) {
    ReentrantLock lock = MIGRATION_LOCKS.computeIfAbsent(databaseKey, k -> new ReentrantLock());
    lock.lock();
    return lock::unlock;
  }
}
