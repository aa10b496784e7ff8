package dev.syncengine.core.model;

/** What a deletion at the source does to the target item. */
public enum DeleteMode {
  DELETE,
  UNPUBLISH,
  ARCHIVE
}
