package dev.syncengine.core.model;

/**
 * The life of a queued job: pending → claimed → done, or back to pending, or dead. Target changes
 * (two-way sync) may also wait for a person's decision ({@link #HELD}).
 */
public enum JobState {
  PENDING,
  CLAIMED,
  DONE,
  DEAD,
  /**
   * Waiting for a person to approve or reject it (a reverse delete under the "ask" policy). Only
   * target changes take it; queue jobs never do.
   */
  HELD
}
