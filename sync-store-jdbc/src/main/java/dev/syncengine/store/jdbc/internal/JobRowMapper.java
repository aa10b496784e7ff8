package dev.syncengine.store.jdbc.internal;

import dev.syncengine.core.model.ChangeKind;
import dev.syncengine.core.model.Job;
import dev.syncengine.core.model.JobState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** A {@code sync_job} row, selected with {@link JobSql#COLUMNS}, as a {@link Job}. */
final class JobRowMapper implements RowMapper<Job> {
  static final JobRowMapper INSTANCE = new JobRowMapper();

  @Override
  public Job map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Job(
        rs.getLong("id"),
        rs.getString("connection_id"),
        rs.getString("record_id"),
        ChangeKind.valueOf(rs.getString("kind")),
        Micros.toInstant(rs.getLong("source_version")),
        Json.read(rs.getString("payload")),
        rs.getString("idempotency_key"),
        JobState.valueOf(rs.getString("state")),
        rs.getInt("attempts"),
        Micros.toInstant(rs.getLong("run_at")),
        rs.getString("lease_owner"),
        instant(rs, "lease_until"),
        rs.getLong("generation"),
        Micros.toInstant(rs.getLong("enqueued_at")),
        Micros.toInstant(rs.getLong("updated_at")),
        rs.getString("last_error"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : Micros.toInstant(v);
  }

  /** The job as a claim leaves it. */
  static Job claimed(Job j, String owner, Instant until, Instant now) {
    return new Job(
        j.id(),
        j.connectionId(),
        j.recordId(),
        j.kind(),
        j.sourceVersion(),
        j.payload(),
        j.idempotencyKey(),
        JobState.CLAIMED,
        j.attempts(),
        j.runAt(),
        owner,
        until,
        j.generation(),
        j.enqueuedAt(),
        now,
        j.lastError());
  }
}
