package dev.syncengine.store.jdbc.internal;

import dev.syncengine.core.model.Job;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Two statements for databases without {@code UPDATE ... RETURNING}: lock due rows with SKIP
 * LOCKED, then lease them.
 */
final class SelectThenUpdateClaimer implements JobClaimer {
  private static final String SELECT_DUE =
      JobSql.SELECT + " WHERE due_at <= :now ORDER BY due_at LIMIT :limit FOR UPDATE SKIP LOCKED";

  @Override
  public List<Job> claim(Handle handle, String owner, int limit, Instant now, Instant until) {
    List<Job> due =
        handle
            .createQuery(SELECT_DUE)
            .bind("now", Micros.of(now))
            .bind("limit", limit)
            .map(JobRowMapper.INSTANCE)
            .list();
    if (due.isEmpty()) {
      return List.of();
    }
    handle
        .createUpdate(JobSql.CLAIM_UPDATE)
        .bindList("ids", due.stream().map(Job::id).toList())
        .bind("owner", owner)
        .bind("until", Micros.of(until))
        .bind("now", Micros.of(now))
        .execute();
    return due.stream().map(j -> JobRowMapper.claimed(j, owner, until, now)).toList();
  }
}
