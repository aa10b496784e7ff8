package dev.syncengine.core;

import java.time.Duration;
import java.time.Instant;

/**
 * Progress of a backfill or reconcile run.
 *
 * @param connectionId the connection
 * @param kind {@code backfill} or {@code reconcile}
 * @param state running, done, cancelled or failed
 * @param done records enqueued so far
 * @param total the source's record count, or -1 when unknown
 * @param deletions records found deleted at the source (reconcile)
 * @param startedAt when the run started
 * @param updatedAt last progress
 * @param error why it failed, or null
 */
public record BackfillStatus(
    String connectionId,
    String kind,
    State state,
    long done,
    long total,
    long deletions,
    Instant startedAt,
    Instant updatedAt,
    String error) {

  /** Where a run is. */
  public enum State {
    RUNNING,
    DONE,
    CANCELLED,
    FAILED
  }

  /** Estimated time left from the rate so far, or null when it cannot be told. */
  public Duration estimatedRemaining() {
    if (state != State.RUNNING || total <= 0 || done <= 0) {
      return null;
    }
    long elapsed = Duration.between(startedAt, updatedAt).toMillis();
    return Duration.ofMillis(Math.max(0, elapsed * (total - done) / done));
  }
}
