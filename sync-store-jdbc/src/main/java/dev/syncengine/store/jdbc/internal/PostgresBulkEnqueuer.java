package dev.syncengine.store.jdbc.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncengine.core.model.ChangeEvent;
import dev.syncengine.core.model.ChangeKind;
import dev.syncengine.core.model.EnqueueResult;
import dev.syncengine.core.model.Job;
import dev.syncengine.core.model.JobState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Enqueue on PostgreSQL in a constant number of statements per batch, whatever its size: lock the
 * batch's inbox keys and job rows with two array queries (in key and record order, so concurrent
 * batches cannot deadlock), merge the events in memory exactly as {@link JobEnqueuer} does one by
 * one, then write new rows, merged rows and inbox keys with one {@code unnest} statement each.
 * Under group commit this is what lets one transaction carry hundreds of webhooks.
 */
final class PostgresBulkEnqueuer {
  private static final String LOCK_INBOX =
      "SELECT idempotency_key, job_id, expires_at FROM sync_inbox WHERE connection_id = :c"
          + " AND idempotency_key = ANY(:keys) ORDER BY idempotency_key FOR UPDATE";
  private static final String LOCK_JOBS =
      JobSql.SELECT
          + " WHERE connection_id = :c AND record_id = ANY(:records) ORDER BY record_id FOR UPDATE";
  private static final String INSERT =
      "INSERT INTO sync_job (connection_id, record_id, kind, source_version, payload,"
          + " idempotency_key, state, attempts, run_at, due_at, generation, enqueued_at, updated_at)"
          + " SELECT :c, t.record_id, t.kind, t.version, t.payload, t.key, 'PENDING', 0, :now, :now,"
          + " t.gen, t.enqueued, :now"
          + " FROM unnest(:records, :kinds, :versions, :payloads, :keys, :gens, :enqueued)"
          + " AS t(record_id, kind, version, payload, key, gen, enqueued)"
          + " RETURNING id, record_id";
  private static final String MERGE =
      "UPDATE sync_job j SET kind = t.kind, source_version = t.version, payload = t.payload,"
          + " idempotency_key = t.key, state = t.state, attempts = 0, run_at = :now,"
          + " due_at = t.due, generation = t.gen, enqueued_at = t.enqueued, updated_at = :now,"
          + " last_error = NULL, arrived_since_claim = "
          + JobSql.ARRIVED_SINCE_CLAIM.formatted("t.state", "j.arrived_since_claim", "t.arrived")
          + " FROM unnest(:ids, :kinds, :versions, :payloads, :keys, :states, :dues, :gens,"
          + " :enqueued, :arrived)"
          + " AS t(id, kind, version, payload, key, state, due, gen, enqueued, arrived)"
          + " WHERE j.id = t.id";
  private static final String UPSERT_INBOX =
      "INSERT INTO sync_inbox (connection_id, idempotency_key, job_id, expires_at)"
          + " SELECT :c, t.key, t.job, :expires FROM unnest(:keys, :jobs) AS t(key, job)"
          + " ON CONFLICT (connection_id, idempotency_key)"
          + " DO UPDATE SET job_id = EXCLUDED.job_id, expires_at = EXCLUDED.expires_at";

  /** The merged state of one record in this batch. */
  private static final class Pending {
    final String recordId;
    final Job existing;
    ChangeKind kind;
    Instant version;
    JsonNode payload;
    String key;
    boolean claimed;
    long generation;
    Instant enqueuedAt;
    Instant arrivedSinceClaim; // earliest arrival merged into a claimed row by this batch
    long id;
    boolean changed;

    Pending(String recordId, Job existing) {
      this.recordId = recordId;
      this.existing = existing;
      if (existing != null) {
        this.kind = existing.kind();
        this.version = existing.sourceVersion();
        this.payload = existing.payload();
        this.key = existing.idempotencyKey();
        this.claimed = existing.state() == JobState.CLAIMED;
        this.generation = existing.generation();
        this.enqueuedAt = existing.enqueuedAt();
        this.id = existing.id();
      }
    }

    boolean waiting() {
      if (existing == null || changed) {
        return true;
      }
      return existing.state() == JobState.PENDING || existing.state() == JobState.CLAIMED;
    }

    /** Takes {@code e}, a change at least as new as what this record holds. */
    void absorb(ChangeEvent e) {
      boolean waiting = waiting();
      enqueuedAt =
          version == null
              ? e.receivedAt()
              : waiting && enqueuedAt.isBefore(e.receivedAt()) ? enqueuedAt : e.receivedAt();
      if (claimed && (arrivedSinceClaim == null || e.receivedAt().isBefore(arrivedSinceClaim))) {
        arrivedSinceClaim = e.receivedAt();
      }
      kind = e.kind();
      version = e.sourceVersion();
      payload = e.payload();
      key = e.idempotencyKey();
      generation = generation + 1;
      changed = true;
    }
  }

  private PostgresBulkEnqueuer() {}

  /**
   * Enqueues the events of one connection.
   *
   * @param results filled at the indexes of {@code indexes}
   * @return whether any event added work
   */
  static boolean enqueue(
      Handle h,
      String connectionId,
      List<ChangeEvent> events,
      List<Integer> indexes,
      EnqueueResult[] results,
      Instant now,
      Instant expires) {
    Set<String> keys = new LinkedHashSet<>();
    Set<String> records = new LinkedHashSet<>();
    for (int i : indexes) {
      ChangeEvent e = events.get(i);
      if (e.idempotencyKey() != null) {
        keys.add(e.idempotencyKey());
      }
      records.add(e.recordId());
    }
    long nowMicros = Micros.of(now);
    Map<String, Long> seen = lockInbox(h, connectionId, keys, nowMicros);
    Map<String, Pending> byRecord = lockJobs(h, connectionId, records);
    Merge merge = new Merge(events.size());
    for (int i : indexes) {
      merge.add(i, events.get(i), seen, byRecord, results);
    }
    insertNew(h, connectionId, byRecord, nowMicros);
    mergeExisting(h, byRecord, nowMicros);
    upsertInbox(h, connectionId, merge.batchKeys, byRecord, expires);
    for (int i : indexes) {
      if (results[i] == null) {
        long id = byRecord.get(merge.recordOf[i]).id;
        results[i] = new EnqueueResult(id, merge.outcome[i] == 1, merge.outcome[i] == 2);
      }
    }
    return merge.added;
  }

  /** Locks the batch's live inbox keys; returns the job each names. */
  private static Map<String, Long> lockInbox(
      Handle h, String connectionId, Set<String> keys, long nowMicros) {
    Map<String, Long> seen = new HashMap<>();
    if (!keys.isEmpty()) {
      h.createQuery(LOCK_INBOX)
          .bind("c", connectionId)
          .bindArray("keys", String.class, List.copyOf(keys))
          .map(
              (rs, ctx) -> {
                if (rs.getLong("expires_at") > nowMicros) {
                  seen.put(rs.getString("idempotency_key"), rs.getLong("job_id"));
                }
                return null;
              })
          .list();
    }
    return seen;
  }

  /** Locks the batch's existing job rows; returns them by record. */
  private static Map<String, Pending> lockJobs(Handle h, String connectionId, Set<String> records) {
    Map<String, Pending> byRecord = new LinkedHashMap<>();
    for (Job j :
        h.createQuery(LOCK_JOBS)
            .bind("c", connectionId)
            .bindArray("records", String.class, List.copyOf(records))
            .map(JobRowMapper.INSTANCE)
            .list()) {
      byRecord.put(j.recordId(), new Pending(j.recordId(), j));
    }
    return byRecord;
  }

  /** The in-memory merge of one batch, in arrival order, exactly as the one-by-one path does. */
  private static final class Merge {
    final Map<String, String> batchKeys = new LinkedHashMap<>(); // key -> record
    final int[] outcome; // 1: duplicate of an earlier key in the batch, 2: stale
    final String[] recordOf;
    boolean added;

    Merge(int size) {
      this.outcome = new int[size];
      this.recordOf = new String[size];
    }

    void add(
        int i,
        ChangeEvent e,
        Map<String, Long> seen,
        Map<String, Pending> byRecord,
        EnqueueResult[] results) {
      String key = e.idempotencyKey();
      if (key != null && seen.containsKey(key)) {
        results[i] = new EnqueueResult(seen.get(key), true, false);
        return;
      }
      if (key != null && batchKeys.containsKey(key)) {
        recordOf[i] = batchKeys.get(key);
        outcome[i] = 1;
        return;
      }
      Pending p = byRecord.computeIfAbsent(e.recordId(), r -> new Pending(r, null));
      recordOf[i] = e.recordId();
      if (p.version != null && e.sourceVersion().isBefore(p.version)) {
        outcome[i] = 2; // stale
      } else {
        p.absorb(e);
        added = true;
      }
      if (key != null) {
        batchKeys.put(key, e.recordId());
      }
    }
  }

  private static void upsertInbox(
      Handle h,
      String connectionId,
      Map<String, String> batchKeys,
      Map<String, Pending> byRecord,
      Instant expires) {
    if (batchKeys.isEmpty()) {
      return;
    }
    List<String> inboxKeys = new ArrayList<>(batchKeys.keySet());
    List<Long> jobs = new ArrayList<>();
    for (String k : inboxKeys) {
      jobs.add(byRecord.get(batchKeys.get(k)).id);
    }
    h.createUpdate(UPSERT_INBOX)
        .bind("c", connectionId)
        .bind("expires", Micros.of(expires))
        .bindArray("keys", String.class, inboxKeys)
        .bindArray("jobs", Long.class, jobs)
        .execute();
  }

  private static void insertNew(
      Handle h, String connectionId, Map<String, Pending> byRecord, long nowMicros) {
    List<Pending> fresh = byRecord.values().stream().filter(p -> p.existing == null).toList();
    if (fresh.isEmpty()) {
      return;
    }
    Map<String, Pending> byId = new HashMap<>();
    fresh.forEach(p -> byId.put(p.recordId, p));
    h.createQuery(INSERT)
        .bind("c", connectionId)
        .bind("now", nowMicros)
        .bindArray("records", String.class, fresh.stream().map(p -> p.recordId).toList())
        .bindArray("kinds", String.class, fresh.stream().map(p -> p.kind.name()).toList())
        .bindArray("versions", Long.class, fresh.stream().map(p -> Micros.of(p.version)).toList())
        .bindArray(
            "payloads", String.class, fresh.stream().map(p -> Json.write(p.payload)).toList())
        .bindArray("keys", String.class, fresh.stream().map(p -> p.key).toList())
        .bindArray("gens", Long.class, fresh.stream().map(p -> p.generation).toList())
        .bindArray(
            "enqueued", Long.class, fresh.stream().map(p -> Micros.of(p.enqueuedAt)).toList())
        .map(
            (rs, ctx) -> {
              byId.get(rs.getString("record_id")).id = rs.getLong("id");
              return null;
            })
        .list();
  }

  private static void mergeExisting(Handle h, Map<String, Pending> byRecord, long nowMicros) {
    List<Pending> merged =
        byRecord.values().stream().filter(p -> p.existing != null && p.changed).toList();
    if (merged.isEmpty()) {
      return;
    }
    h.createUpdate(MERGE)
        .bind("now", nowMicros)
        .bindArray("ids", Long.class, merged.stream().map(p -> p.id).toList())
        .bindArray("kinds", String.class, merged.stream().map(p -> p.kind.name()).toList())
        .bindArray("versions", Long.class, merged.stream().map(p -> Micros.of(p.version)).toList())
        .bindArray(
            "payloads", String.class, merged.stream().map(p -> Json.write(p.payload)).toList())
        .bindArray("keys", String.class, merged.stream().map(p -> p.key).toList())
        .bindArray(
            "states",
            String.class,
            merged.stream().map(p -> p.claimed ? "CLAIMED" : "PENDING").toList())
        .bindArray(
            "dues",
            Long.class,
            merged.stream()
                .map(p -> p.claimed ? Micros.of(p.existing.leaseUntil()) : nowMicros)
                .toList())
        .bindArray("gens", Long.class, merged.stream().map(p -> p.generation).toList())
        .bindArray(
            "enqueued", Long.class, merged.stream().map(p -> Micros.of(p.enqueuedAt)).toList())
        .bindArray(
            "arrived",
            Long.class,
            merged.stream()
                .map(p -> p.arrivedSinceClaim == null ? null : Micros.of(p.arrivedSinceClaim))
                .toList())
        .execute();
  }
}
