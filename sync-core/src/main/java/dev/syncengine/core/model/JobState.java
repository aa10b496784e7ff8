package dev.syncengine.core.model;

/** The life of a queued job: pending → claimed → done, or back to pending, or dead. */
public enum JobState {
  PENDING,
  CLAIMED,
  DONE,
  DEAD
}
