package dev.syncengine.core;

/**
 * What one worker pass did.
 *
 * @param claimed jobs claimed
 * @param written items written (created, updated, deleted, ...)
 * @param skipped jobs with nothing to write
 * @param retried jobs sent back for a later attempt
 * @param dead jobs sent to dead letter
 * @param pulled change events found by pulls
 */
public record RunSummary(int claimed, int written, int skipped, int retried, int dead, int pulled) {
  public static final RunSummary EMPTY = new RunSummary(0, 0, 0, 0, 0, 0);

  public RunSummary plus(RunSummary o) {
    return new RunSummary(
        claimed + o.claimed,
        written + o.written,
        skipped + o.skipped,
        retried + o.retried,
        dead + o.dead,
        pulled + o.pulled);
  }
}
