package dev.syncengine.core.model;

/**
 * What the queue did with one event.
 *
 * @param jobId the job that carries the change (for a duplicate, the job the original went to)
 * @param duplicate true when the idempotency key was seen before and the event was dropped
 * @param stale true when the job already held a newer version and this change was dropped
 */
public record EnqueueResult(long jobId, boolean duplicate, boolean stale) {}
