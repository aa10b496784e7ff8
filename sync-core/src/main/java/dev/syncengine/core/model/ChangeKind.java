package dev.syncengine.core.model;

/** What a change asks the engine to do with one source record. */
public enum ChangeKind {
  /** Create or update the target item from the record's newest data. */
  UPSERT,
  /** The record is gone at the source: apply the connection's delete mode. */
  DELETE,
  /**
   * Fetch changes from the source (a SmartSuite ping): the record id is a pull key, and duplicates
   * collapse into one pending pull.
   */
  PULL
}
