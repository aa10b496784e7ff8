package dev.syncengine.core.model;

import java.time.Instant;

/**
 * A {@link TargetChange} as the store holds it: one row per delivery, worked through like the
 * queue's jobs (pending → claimed under a lease → done, or back to pending with backoff, or dead).
 *
 * @param id store-assigned id, increasing in arrival order
 * @param change what was delivered
 * @param state where the row is
 * @param attempts failed attempts so far
 * @param runAt not claimable before this
 * @param leaseOwner the worker holding it, or null
 * @param leaseUntil the lease's end, or null
 * @param updatedAt the row's last change
 * @param lastError the last failure's message, or null
 */
public record StoredTargetChange(
    long id,
    TargetChange change,
    JobState state,
    int attempts,
    Instant runAt,
    String leaseOwner,
    Instant leaseUntil,
    Instant updatedAt,
    String lastError) {}
