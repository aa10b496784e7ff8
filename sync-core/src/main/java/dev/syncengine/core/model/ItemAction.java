package dev.syncengine.core.model;

/** What a mapped record asks of its target item (a mapping's status rule may choose it). */
public enum ItemAction {
  /** Follow the connection's publish mode. */
  DEFAULT,
  /** Publish, whatever the publish mode. */
  PUBLISH,
  /** Keep or make the item a draft. */
  DRAFT,
  /** Archive the item. */
  ARCHIVE,
  /** Remove the item as the connection's delete mode says. */
  DELETE
}
