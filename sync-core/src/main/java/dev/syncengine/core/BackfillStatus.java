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
 * @param linking what the two-way linking pass that opened the run did, or null (one-way
 *     connections, a sink that cannot list its items, or the pass has not ended yet)
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
    String error,
    Linking linking) {

  /** A status without a linking pass (one-way connections). */
  public BackfillStatus(
      String connectionId,
      String kind,
      State state,
      long done,
      long total,
      long deletions,
      Instant startedAt,
      Instant updatedAt,
      String error) {
    this(connectionId, kind, state, done, total, deletions, startedAt, updatedAt, error, null);
  }

  /**
   * What the linking pass of a two-way run did (see {@code docs/two-way.md}, "Backfill and
   * reconcile in two-way mode").
   *
   * @param linked records linked to an item already in the target
   * @param ambiguous records left unlinked because their match was not one to one (each logged)
   * @param itemsQueued items no record knows, queued to become records
   * @param itemsLeft items no record knows, left alone (creating records is off, or the item holds
   *     the id of a record the source no longer has)
   */
  public record Linking(long linked, long ambiguous, long itemsQueued, long itemsLeft) {}

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
