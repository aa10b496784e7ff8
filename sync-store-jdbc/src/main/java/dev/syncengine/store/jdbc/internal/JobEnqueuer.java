package dev.syncengine.store.jdbc.internal;

import dev.syncengine.core.model.ChangeEvent;
import dev.syncengine.core.model.EnqueueResult;
import dev.syncengine.core.model.Job;
import dev.syncengine.core.model.JobState;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Handle;

/**
 * Writes change events into the queue, coalescing per record, together with their idempotency keys
 * in one transaction.
 */
final class JobEnqueuer {
  private final Db db;
  private final Duration inboxRetention;
  private final String inboxUpsert;
  private final FreshTableStats stats;

  JobEnqueuer(Db db, Duration inboxRetention) {
    this.db = db;
    this.stats = db.dialect() instanceof PostgresSqlDialect ? new FreshTableStats(db) : null;
    this.inboxRetention = inboxRetention;
    this.inboxUpsert =
        db.dialect()
            .upsert(
                "sync_inbox",
                List.of("connection_id", "idempotency_key"),
                List.of("job_id", "expires_at"));
  }

  /** Returns the results and whether any event added work. */
  Outcome enqueue(List<ChangeEvent> events) {
    Outcome outcome = db.txRetrying(h -> enqueueIn(h, events, db.now()));
    if (stats != null) {
      stats.added(events.size());
    }
    return outcome;
  }

  record Outcome(List<EnqueueResult> results, boolean addedWork) {}

  private Outcome enqueueIn(Handle h, List<ChangeEvent> events, Instant now) {
    if (db.dialect() instanceof PostgresSqlDialect) {
      return enqueueInBulk(h, events, now);
    }
    EnqueueResult[] results = new EnqueueResult[events.size()];
    // a fixed lock order keeps two batches touching the same records from deadlocking; the sort is
    // stable, so events of one record still merge in arrival order
    Comparator<Integer> byRecord =
        Comparator.comparing((Integer i) -> events.get(i).connectionId())
            .thenComparing(i -> events.get(i).recordId());
    List<Integer> order = IntStream.range(0, events.size()).boxed().sorted(byRecord).toList();
    boolean added = false;
    for (int i : order) {
      ChangeEvent e = events.get(i);
      Optional<Long> duplicateOf = e.idempotencyKey() == null ? Optional.empty() : seen(h, e, now);
      if (duplicateOf.isPresent()) {
        results[i] = new EnqueueResult(duplicateOf.get(), true, false);
        continue;
      }
      EnqueueResult r = upsertJob(h, e, now);
      added |= !r.stale();
      if (e.idempotencyKey() != null) {
        h.createUpdate(inboxUpsert)
            .bind("connection_id", e.connectionId())
            .bind("idempotency_key", e.idempotencyKey())
            .bind("job_id", r.jobId())
            .bind("expires_at", Micros.of(now.plus(inboxRetention)))
            .execute();
      }
      results[i] = r;
    }
    return new Outcome(Arrays.asList(results), added);
  }

  /** PostgreSQL: a constant number of statements per connection, whatever the batch size. */
  private Outcome enqueueInBulk(Handle h, List<ChangeEvent> events, Instant now) {
    EnqueueResult[] results = new EnqueueResult[events.size()];
    java.util.TreeMap<String, List<Integer>> byConnection = new java.util.TreeMap<>();
    for (int i = 0; i < events.size(); i++) {
      byConnection
          .computeIfAbsent(events.get(i).connectionId(), k -> new java.util.ArrayList<>())
          .add(i);
    }
    boolean added = false;
    for (var e : byConnection.entrySet()) {
      added |=
          PostgresBulkEnqueuer.enqueue(
              h, e.getKey(), events, e.getValue(), results, now, now.plus(inboxRetention));
    }
    return new Outcome(Arrays.asList(results), added);
  }

  /** The job id a live idempotency key points at. */
  private Optional<Long> seen(Handle h, ChangeEvent e, Instant now) {
    Optional<Map<String, Object>> row =
        h.createQuery(JobSql.LOCK_INBOX)
            .bind("connectionId", e.connectionId())
            .bind("key", e.idempotencyKey())
            .mapToMap()
            .findOne();
    return row.filter(r -> ((Number) r.get("expires_at")).longValue() > Micros.of(now))
        .map(r -> ((Number) r.get("job_id")).longValue());
  }

  private EnqueueResult upsertJob(Handle h, ChangeEvent e, Instant now) {
    Optional<Job> existing =
        h.createQuery(JobSql.LOCK_BY_RECORD)
            .bind("connectionId", e.connectionId())
            .bind("recordId", e.recordId())
            .map(JobRowMapper.INSTANCE)
            .findOne();
    if (existing.isEmpty()) {
      // a concurrent insert of the same record fails on the unique key; txRetrying runs us again
      long id =
          h.createUpdate(JobSql.INSERT)
              .bind("connectionId", e.connectionId())
              .bind("recordId", e.recordId())
              .bind("kind", e.kind().name())
              .bind("sourceVersion", Micros.of(e.sourceVersion()))
              .bind("payload", Json.write(e.payload()))
              .bind("idempotencyKey", e.idempotencyKey())
              .bind("now", Micros.of(now))
              .bind("enqueuedAt", Micros.of(e.receivedAt()))
              .executeAndReturnGeneratedKeys("id")
              .mapTo(Long.class)
              .one();
      return new EnqueueResult(id, false, false);
    }
    Job row = existing.get();
    if (e.sourceVersion().isBefore(row.sourceVersion())) {
      return new EnqueueResult(row.id(), false, true);
    }
    boolean waiting = row.state() == JobState.PENDING || row.state() == JobState.CLAIMED;
    // a claimed row stays with its worker; the bumped generation sends it round again on complete
    boolean claimed = row.state() == JobState.CLAIMED;
    Instant enqueuedAt =
        waiting && row.enqueuedAt().isBefore(e.receivedAt()) ? row.enqueuedAt() : e.receivedAt();
    h.createUpdate(JobSql.MERGE)
        .bind("id", row.id())
        .bind("kind", e.kind().name())
        .bind("sourceVersion", Micros.of(e.sourceVersion()))
        .bind("payload", Json.write(e.payload()))
        .bind("idempotencyKey", e.idempotencyKey())
        .bind("state", claimed ? JobState.CLAIMED.name() : JobState.PENDING.name())
        .bind("now", Micros.of(now))
        .bind("dueAt", claimed ? Micros.of(row.leaseUntil()) : Micros.of(now))
        .bind("generation", row.generation() + 1)
        .bind("enqueuedAt", Micros.of(enqueuedAt))
        .bind("received", Micros.of(e.receivedAt()))
        .execute();
    return new EnqueueResult(row.id(), false, false);
  }
}
