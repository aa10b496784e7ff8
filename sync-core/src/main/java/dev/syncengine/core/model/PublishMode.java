package dev.syncengine.core.model;

/** How written items reach the live site. */
public enum PublishMode {
  /** Write straight to the live site. */
  LIVE,
  /** Write staged, then publish the items. */
  STAGED,
  /** Write drafts only; a person publishes. */
  DRAFT
}
