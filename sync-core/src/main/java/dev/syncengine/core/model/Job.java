package dev.syncengine.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One row of the queue: the pending work for one (connection, source record). Newer changes to the
 * same record merge into it; {@link #generation()} counts those merges so that completing a job
 * whose record changed meanwhile sends it round again instead of losing the change.
 *
 * @param id store-assigned id
 * @param connectionId the connection
 * @param recordId the source record id (or pull key)
 * @param kind what to do
 * @param sourceVersion the newest source version merged into this row
 * @param payload raw data of the newest change, or {@code null}
 * @param idempotencyKey key of the newest change merged in, or {@code null}
 * @param state where the job is
 * @param attempts failed attempts since the last new change
 * @param runAt not claimable before this
 * @param leaseOwner the worker holding it, or {@code null}
 * @param leaseUntil the lease's end, or {@code null}
 * @param generation incremented by every merged change
 * @param enqueuedAt arrival of the oldest change not yet written (for lag)
 * @param updatedAt last change of this row
 * @param lastError the last failure's message, or {@code null}
 */
public record Job(
    long id,
    String connectionId,
    String recordId,
    ChangeKind kind,
    Instant sourceVersion,
    JsonNode payload,
    String idempotencyKey,
    JobState state,
    int attempts,
    Instant runAt,
    String leaseOwner,
    Instant leaseUntil,
    long generation,
    Instant enqueuedAt,
    Instant updatedAt,
    String lastError) {}
