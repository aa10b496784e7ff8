package dev.syncengine.store.jdbc.internal;

import dev.syncengine.core.model.Job;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** One statement: lock due rows with SKIP LOCKED, lease them and return them. */
final class PostgresJobClaimer implements JobClaimer {
  private static final String SQL =
      "WITH due AS (SELECT id FROM sync_job WHERE due_at <= :now ORDER BY due_at LIMIT :limit"
          + " FOR UPDATE SKIP LOCKED)"
          + " UPDATE sync_job j SET state = 'CLAIMED', lease_owner = :owner, lease_until = :until,"
          + " due_at = :until, "
          + JobSql.CLAIM_TAKEN
          + ", updated_at = :now FROM due WHERE j.id = due.id RETURNING "
          + JobSql.COLUMNS.replaceAll("(^|, )\\s*", "$1j.");

  @Override
  public List<Job> claim(Handle handle, String owner, int limit, Instant now, Instant until) {
    List<Job> jobs =
        handle
            .createQuery(SQL)
            .bind("now", Micros.of(now))
            .bind("until", Micros.of(until))
            .bind("limit", limit)
            .bind("owner", owner)
            .map(JobRowMapper.INSTANCE)
            .list();
    return jobs.stream().sorted(Comparator.comparing(Job::runAt)).toList();
  }
}
