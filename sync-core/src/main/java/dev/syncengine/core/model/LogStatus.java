package dev.syncengine.core.model;

/** The outcome recorded for one attempt at one job. */
public enum LogStatus {
  /** Written to the target. */
  SUCCESS,
  /** Nothing to write (unchanged, or an older version than already written). */
  SKIPPED,
  /** Failed; will be tried again. */
  RETRY,
  /** Failed for good; in dead letter. */
  DEAD
}
