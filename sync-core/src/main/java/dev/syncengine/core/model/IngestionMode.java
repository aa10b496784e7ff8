package dev.syncengine.core.model;

/** How changes reach a connection. */
public enum IngestionMode {
  /** The source's own webhooks: an unsigned ping, then an authenticated pull of events. */
  NATIVE_WEBHOOK,
  /** A signed push carrying the change (Standard Webhooks or the legacy signature). */
  SIGNED_PUSH,
  /** No webhooks: the engine lists recently changed records from a cursor. */
  POLLING
}
