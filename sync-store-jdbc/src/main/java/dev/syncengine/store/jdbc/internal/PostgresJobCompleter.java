package dev.syncengine.store.jdbc.internal;

import dev.syncengine.core.model.Job;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** One statement for the whole batch: ids and generations travel as two arrays. */
final class PostgresJobCompleter extends JobCompleter {
  private static final String SQL =
      "UPDATE sync_job j SET"
          + " state = CASE WHEN j.generation = t.gen THEN 'DONE' ELSE 'PENDING' END,"
          + " run_at = CASE WHEN j.generation = t.gen THEN j.run_at ELSE :now END,"
          + " due_at = CASE WHEN j.generation = t.gen THEN NULL ELSE :now END, "
          + JobSql.ENQUEUED_AT_ON_COMPLETE.formatted("j.", "t.gen")
          + ", lease_owner = NULL, lease_until = NULL, last_error = NULL, updated_at = :now"
          + " FROM unnest(:ids, :gens) AS t(id, gen)"
          + " WHERE j.id = t.id AND j.lease_owner = :owner AND j.state = 'CLAIMED'";

  @Override
  void complete(Handle h, String owner, List<Job> jobs, long nowMicros) {
    h.createUpdate(SQL)
        .bindArray("ids", Long.class, jobs.stream().map(Job::id).toList())
        .bindArray("gens", Long.class, jobs.stream().map(Job::generation).toList())
        .bind("owner", owner)
        .bind("now", nowMicros)
        .execute();
  }
}
