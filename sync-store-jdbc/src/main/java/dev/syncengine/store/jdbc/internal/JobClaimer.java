package dev.syncengine.store.jdbc.internal;

import dev.syncengine.core.model.Job;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** Claims due jobs inside a transaction, never one that another transaction holds. */
interface JobClaimer {
  List<Job> claim(Handle handle, String owner, int limit, Instant now, Instant until);
}
