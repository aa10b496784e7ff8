package dev.syncengine.store.jdbc.internal;

/**
 * SQL of the queue that is the same on every dialect. {@code due_at} mirrors {@code run_at} while a
 * job is pending and {@code lease_until} while it is claimed, and is null when it is done or dead.
 */
final class JobSql {
  static final String COLUMNS =
      "id, connection_id, record_id, kind, source_version, payload, idempotency_key, state,"
          + " attempts, run_at, lease_owner, lease_until, generation, enqueued_at, updated_at,"
          + " last_error";

  static final String SELECT = "SELECT " + COLUMNS + " FROM sync_job";

  /** A claim notes the generation its write will carry; nothing has arrived since. */
  static final String CLAIM_TAKEN = "claimed_generation = generation, arrived_since_claim = NULL";

  /** Leaving the claimed state clears what the claim tracked. */
  static final String CLAIM_CLEARED = "claimed_generation = NULL, arrived_since_claim = NULL";

  static final String LOCK_BY_RECORD =
      SELECT + " WHERE connection_id = :connectionId AND record_id = :recordId FOR UPDATE";

  static final String INSERT =
      "INSERT INTO sync_job (connection_id, record_id, kind, source_version, payload,"
          + " idempotency_key, state, attempts, run_at, due_at, generation, enqueued_at, updated_at)"
          + " VALUES (:connectionId, :recordId, :kind, :sourceVersion, :payload, :idempotencyKey,"
          + " 'PENDING', 0, :now, :now, 1, :enqueuedAt, :now)";

  /**
   * The new {@code arrived_since_claim} of a row a change merges into: the earliest arrival merged
   * since the claim while the row stays claimed, else null. Placeholders: the row's new state, its
   * current {@code arrived_since_claim}, the change's arrival.
   */
  static final String ARRIVED_SINCE_CLAIM =
      "CASE WHEN %1$s <> 'CLAIMED' THEN NULL WHEN %2$s < %3$s THEN %2$s ELSE %3$s END";

  /**
   * Completing a claimed row: where a change arrived after the claim, lag now runs from it, since
   * the write just made carried everything older. Only the claim's own write counts: a late
   * completion from a lease that expired and was claimed again leaves the oldest change.
   * Placeholders: the row alias (with its dot, or empty) and the generation the worker wrote.
   */
  static final String ENQUEUED_AT_ON_COMPLETE =
      "enqueued_at = CASE WHEN %1$sgeneration <> %2$s AND %1$sclaimed_generation = %2$s"
          + " AND %1$sarrived_since_claim IS NOT NULL THEN %1$sarrived_since_claim"
          + " ELSE %1$senqueued_at END, "
          + CLAIM_CLEARED;

  static final String MERGE =
      "UPDATE sync_job SET kind = :kind, source_version = :sourceVersion, payload = :payload,"
          + " idempotency_key = :idempotencyKey, state = :state, attempts = 0, run_at = :now,"
          + " due_at = :dueAt, generation = :generation, enqueued_at = :enqueuedAt,"
          + " updated_at = :now, last_error = NULL, arrived_since_claim = "
          + ARRIVED_SINCE_CLAIM.formatted(":state", "arrived_since_claim", ":received")
          + " WHERE id = :id";

  static final String LOCK_INBOX =
      "SELECT job_id, expires_at FROM sync_inbox"
          + " WHERE connection_id = :connectionId AND idempotency_key = :key FOR UPDATE";

  // CASE keeps one statement per job so a batch of completions is one round trip. MySQL evaluates
  // SET left to right, so no assignment reads a column assigned before it.
  static final String COMPLETE =
      "UPDATE sync_job SET"
          + " state = CASE WHEN generation = :generation THEN 'DONE' ELSE 'PENDING' END,"
          + " run_at = CASE WHEN generation = :generation THEN run_at ELSE :now END,"
          + " due_at = CASE WHEN generation = :generation THEN NULL ELSE :now END, "
          + ENQUEUED_AT_ON_COMPLETE.formatted("", ":generation")
          + ", lease_owner = NULL, lease_until = NULL, last_error = NULL, updated_at = :now"
          + " WHERE id = :id AND lease_owner = :owner AND state = 'CLAIMED'";

  static final String LOCK_CLAIMED =
      SELECT + " WHERE id = :id AND lease_owner = :owner AND state = 'CLAIMED' FOR UPDATE";

  static final String FAIL =
      "UPDATE sync_job SET state = :state, attempts = :attempts, run_at = :runAt, due_at = :dueAt,"
          + " lease_owner = NULL, lease_until = NULL, "
          + CLAIM_CLEARED
          + ", updated_at = :now, last_error = :error WHERE id = :id";

  static final String RENEW =
      "UPDATE sync_job SET lease_until = :until, due_at = :until"
          + " WHERE id IN (<ids>) AND lease_owner = :owner AND state = 'CLAIMED'";

  static final String RELEASE =
      "UPDATE sync_job SET state = 'PENDING', run_at = :now, due_at = :now, lease_owner = NULL,"
          + " lease_until = NULL, "
          + CLAIM_CLEARED
          + ", updated_at = :now"
          + " WHERE id IN (<ids>) AND lease_owner = :owner AND state = 'CLAIMED'";

  // a job whose record changed meanwhile is due at once: the new change is not what was deferred
  static final String DEFER =
      "UPDATE sync_job SET state = 'PENDING',"
          + " run_at = CASE WHEN generation = :generation THEN :runAt ELSE :now END,"
          + " due_at = CASE WHEN generation = :generation THEN :runAt ELSE :now END,"
          + " lease_owner = NULL, lease_until = NULL, "
          + CLAIM_CLEARED
          + ", updated_at = :now WHERE id = :id AND lease_owner = :owner AND state = 'CLAIMED'";

  static final String REPLAY =
      "UPDATE sync_job SET state = 'PENDING', attempts = 0, run_at = :now, due_at = :now,"
          + " updated_at = :now WHERE id = :id AND state = 'DEAD'";

  static final String MARK_DEAD =
      "UPDATE sync_job SET state = 'DEAD', due_at = NULL, last_error = :reason, updated_at = :now"
          + " WHERE id = :id AND state IN ('PENDING', 'DEAD')";

  static final String CLAIM_UPDATE =
      "UPDATE sync_job SET state = 'CLAIMED', lease_owner = :owner, lease_until = :until,"
          + " due_at = :until, "
          + CLAIM_TAKEN
          + ", updated_at = :now WHERE id IN (<ids>)";

  private JobSql() {}
}
