package dev.syncengine.core.spi;

import dev.syncengine.core.model.LogStatus;
import java.time.Instant;
import java.util.Set;

/**
 * A filter over the sync log; null fields do not filter.
 *
 * @param connectionId the connection
 * @param statuses any of these statuses (empty = all)
 * @param recordId one source record
 * @param from at or after
 * @param to before
 * @param offset rows to skip (newest first)
 * @param limit rows to return (1–500)
 * @param action only entries of this action (e.g. {@code conflict}), or null for all
 */
public record LogQuery(
    String connectionId,
    Set<LogStatus> statuses,
    String recordId,
    Instant from,
    Instant to,
    int offset,
    int limit,
    String action) {

  /** A query over every action. */
  public LogQuery(
      String connectionId,
      Set<LogStatus> statuses,
      String recordId,
      Instant from,
      Instant to,
      int offset,
      int limit) {
    this(connectionId, statuses, recordId, from, to, offset, limit, null);
  }

  public LogQuery {
    statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be >= 0");
    }
    if (limit < 1 || limit > 500) {
      throw new IllegalArgumentException("limit must be 1-500");
    }
  }

  public static LogQuery all(int limit) {
    return new LogQuery(null, Set.of(), null, null, null, 0, limit);
  }
}
