package dev.syncengine.store.jdbc.internal;

import dev.syncengine.core.model.Job;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Marks claimed jobs done inside a transaction, or pending again where their generation moved on.
 * The default sends one statement per job as a single JDBC batch.
 */
class JobCompleter {

  /**
   * @param jobs sorted by id, so concurrent completions lock rows in one order
   */
  void complete(Handle h, String owner, List<Job> jobs, long nowMicros) {
    PreparedBatch batch = h.prepareBatch(JobSql.COMPLETE);
    for (Job j : jobs) {
      batch
          .bind("id", j.id())
          .bind("generation", j.generation())
          .bind("owner", owner)
          .bind("now", nowMicros)
          .add();
    }
    batch.execute();
  }
}
