package dev.syncengine.store.jdbc.internal;

import dev.syncengine.core.model.ChangeEvent;
import dev.syncengine.core.model.EnqueueResult;
import dev.syncengine.core.model.Job;
import dev.syncengine.core.model.JobState;
import dev.syncengine.core.spi.JobStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.statement.PreparedBatch;

/** {@link JobStore} on JDBC. Thread-safe. */
public final class JdbcJobStore implements JobStore, AutoCloseable {
  /** Least time between two cross-process wake-ups on PostgreSQL. */
  static final Duration NOTIFY_INTERVAL = Duration.ofMillis(10);

  private final Db db;
  private final JobEnqueuer enqueuer;
  private final JobClaimer claimer;
  private final JobCompleter completer;
  private final LocalSignal signal;
  private final ReentrantLock claimLock;
  private final PgNotifier notifier;

  public JdbcJobStore(Db db, Duration inboxRetention, LocalSignal signal) {
    this.db = db;
    this.enqueuer = new JobEnqueuer(db, inboxRetention);
    this.claimer = db.dialect().claimer();
    this.completer = db.dialect().completer();
    this.signal = signal;
    this.claimLock = db.dialect().serializeClaims() ? new ReentrantLock() : null;
    this.notifier =
        db.dialect() instanceof PostgresSqlDialect ? new PgNotifier(db, NOTIFY_INTERVAL) : null;
  }

  /** Stops the cross-process notifier; the store keeps working. */
  @Override
  public void close() {
    if (notifier != null) {
      notifier.close();
    }
  }

  @Override
  public List<EnqueueResult> enqueue(List<ChangeEvent> events) {
    if (events.isEmpty()) {
      return List.of();
    }
    JobEnqueuer.Outcome outcome = enqueuer.enqueue(events);
    if (outcome.addedWork()) {
      signal.fire();
      if (notifier != null) {
        notifier.request();
      }
    }
    return outcome.results();
  }

  @Override
  public List<Job> claim(String owner, int limit, Duration lease) {
    Objects.requireNonNull(owner, "owner");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive");
    }
    if (claimLock == null) {
      return doClaim(owner, limit, lease);
    }
    claimLock.lock();
    try {
      return doClaim(owner, limit, lease);
    } finally {
      claimLock.unlock();
    }
  }

  private List<Job> doClaim(String owner, int limit, Duration lease) {
    Instant now = db.now();
    Instant until = now.plus(lease);
    return db.tx(h -> claimer.claim(h, owner, limit, now, until));
  }

  @Override
  public int renew(String owner, Collection<Long> jobIds, Duration lease) {
    if (jobIds.isEmpty()) {
      return 0;
    }
    long until = Micros.of(db.now().plus(lease));
    return db.tx(
        h ->
            h.createUpdate(JobSql.RENEW)
                .bindList("ids", List.copyOf(jobIds))
                .bind("owner", owner)
                .bind("until", until)
                .execute());
  }

  @Override
  public void complete(String owner, Collection<Job> jobs) {
    if (jobs.isEmpty()) {
      return;
    }
    long now = db.nowMicros();
    // ascending ids: two transactions never wait on each other's rows in opposite orders
    List<Job> sorted = jobs.stream().sorted(Comparator.comparingLong(Job::id)).toList();
    db.tx(
        h -> {
          completer.complete(h, owner, sorted, now);
          return null;
        });
  }

  @Override
  public void fail(String owner, Job job, String error, Instant retryAt) {
    Instant now = db.now();
    db.tx(
        h -> {
          Optional<Job> held =
              h.createQuery(JobSql.LOCK_CLAIMED)
                  .bind("id", job.id())
                  .bind("owner", owner)
                  .map(JobRowMapper.INSTANCE)
                  .findOne();
          if (held.isEmpty()) {
            return 0;
          }
          Job row = held.get();
          JobState state;
          int attempts;
          Instant runAt;
          if (row.generation() != job.generation()) {
            // a newer change arrived meanwhile: it deserves a fresh start, not this failure's
            // backoff
            state = JobState.PENDING;
            attempts = 0;
            runAt = now;
          } else if (retryAt == null) {
            state = JobState.DEAD;
            attempts = row.attempts() + 1;
            runAt = row.runAt();
          } else {
            state = JobState.PENDING;
            attempts = row.attempts() + 1;
            runAt = retryAt;
          }
          return h.createUpdate(JobSql.FAIL)
              .bind("id", job.id())
              .bind("state", state.name())
              .bind("attempts", attempts)
              .bind("runAt", Micros.of(runAt))
              .bind("dueAt", state == JobState.DEAD ? null : Micros.of(runAt))
              .bind("now", Micros.of(now))
              .bind("error", error)
              .execute();
        });
  }

  @Override
  public void release(String owner, Collection<Long> jobIds) {
    if (jobIds.isEmpty()) {
      return;
    }
    long now = db.nowMicros();
    db.tx(
        h ->
            h.createUpdate(JobSql.RELEASE)
                .bindList("ids", List.copyOf(jobIds))
                .bind("owner", owner)
                .bind("now", now)
                .execute());
  }

  @Override
  public void defer(String owner, Collection<Job> jobs, Instant runAt) {
    if (jobs.isEmpty()) {
      return;
    }
    long now = db.nowMicros();
    List<Job> sorted = jobs.stream().sorted(Comparator.comparingLong(Job::id)).toList();
    db.tx(
        h -> {
          PreparedBatch batch = h.prepareBatch(JobSql.DEFER);
          for (Job j : sorted) {
            batch
                .bind("id", j.id())
                .bind("generation", j.generation())
                .bind("owner", owner)
                .bind("runAt", Micros.of(runAt))
                .bind("now", now)
                .add();
          }
          return batch.execute();
        });
  }

  @Override
  public Optional<Job> find(long jobId) {
    return db.tx(
        h ->
            h.createQuery(JobSql.SELECT + " WHERE id = :id")
                .bind("id", jobId)
                .map(JobRowMapper.INSTANCE)
                .findOne());
  }

  @Override
  public Optional<Job> findByRecord(String connectionId, String recordId) {
    return db.tx(
        h ->
            h.createQuery(
                    JobSql.SELECT
                        + " WHERE connection_id = :connectionId AND record_id = :recordId")
                .bind("connectionId", connectionId)
                .bind("recordId", recordId)
                .map(JobRowMapper.INSTANCE)
                .findOne());
  }

  @Override
  public List<Job> list(String connectionId, JobState state, int offset, int limit) {
    StringBuilder sql = new StringBuilder(JobSql.SELECT).append(" WHERE 1 = 1");
    if (connectionId != null) {
      sql.append(" AND connection_id = :connectionId");
    }
    if (state != null) {
      sql.append(" AND state = :state");
    }
    sql.append(" ORDER BY updated_at DESC, id DESC LIMIT :limit OFFSET :offset");
    return db.tx(
        h ->
            h.createQuery(sql.toString())
                .bind("connectionId", connectionId)
                .bind("state", state == null ? null : state.name())
                .bind("limit", limit)
                .bind("offset", offset)
                .map(JobRowMapper.INSTANCE)
                .list());
  }

  @Override
  public boolean replay(long jobId) {
    long now = db.nowMicros();
    return db.tx(h -> h.createUpdate(JobSql.REPLAY).bind("id", jobId).bind("now", now).execute())
        > 0;
  }

  @Override
  public boolean markDead(long jobId, String reason) {
    long now = db.nowMicros();
    return db.tx(
            h ->
                h.createUpdate(JobSql.MARK_DEAD)
                    .bind("id", jobId)
                    .bind("reason", reason)
                    .bind("now", now)
                    .execute())
        > 0;
  }

  @Override
  public Map<JobState, Long> counts(String connectionId) {
    String sql =
        "SELECT state, COUNT(*) AS n FROM sync_job"
            + (connectionId == null ? "" : " WHERE connection_id = :connectionId")
            + " GROUP BY state";
    Map<JobState, Long> counts = new EnumMap<>(JobState.class);
    for (JobState s : JobState.values()) {
      counts.put(s, 0L);
    }
    db.tx(
            h ->
                h.createQuery(sql)
                    .bind("connectionId", connectionId)
                    .map(
                        (rs, ctx) ->
                            Map.entry(JobState.valueOf(rs.getString("state")), rs.getLong("n")))
                    .list())
        .forEach(e -> counts.put(e.getKey(), e.getValue()));
    return counts;
  }

  @Override
  public Optional<Instant> oldestWaiting(String connectionId) {
    String sql =
        "SELECT MIN(enqueued_at) FROM sync_job WHERE state IN ('PENDING', 'CLAIMED')"
            + (connectionId == null ? "" : " AND connection_id = :connectionId");
    return db.tx(
        h ->
            h.createQuery(sql)
                .bind("connectionId", connectionId)
                .map(
                    (rs, ctx) -> {
                      long v = rs.getLong(1);
                      return rs.wasNull()
                          ? Optional.<Instant>empty()
                          : Optional.of(Micros.toInstant(v));
                    })
                .one());
  }

  @Override
  public int purge(Instant before) {
    long now = db.nowMicros();
    return db.tx(
        h -> {
          int jobs =
              h.createUpdate("DELETE FROM sync_job WHERE state = 'DONE' AND updated_at < :before")
                  .bind("before", Micros.of(before))
                  .execute();
          h.createUpdate("DELETE FROM sync_inbox WHERE expires_at <= :now")
              .bind("now", now)
              .execute();
          return jobs;
        });
  }

  @Override
  public void deleteConnection(String connectionId) {
    db.tx(
        h -> {
          h.createUpdate("DELETE FROM sync_inbox WHERE connection_id = :c")
              .bind("c", connectionId)
              .execute();
          return h.createUpdate("DELETE FROM sync_job WHERE connection_id = :c")
              .bind("c", connectionId)
              .execute();
        });
  }
}
