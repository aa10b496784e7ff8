package dev.syncengine.core.internal;

import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.spi.SyncError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For {@link ChunkWriter}: an item that fails permanently on one field (Webflow's "field not
 * described in schema", a value of the wrong type) may be the first sign that a schema changed
 * since it was cached. Such a failure makes both schemas be read again (at most once per chunk, and
 * {@link ConnectionRuntime#refreshSchemas} at most every few seconds); when one changed, the
 * failure becomes retryable ({@value #CODE}), so the record is written again with the mapping
 * recompiled and the drifted rule paused, instead of going to dead letter. Not thread-safe: one per
 * chunk.
 */
final class SchemaDriftCheck {
  static final String CODE = "schema_changed";
  private static final Logger log = LoggerFactory.getLogger(SchemaDriftCheck.class);

  private final ConnectionRuntime runtime;
  private final ConnectionConfig c;
  private Boolean changed;

  SchemaDriftCheck(ConnectionRuntime runtime, ConnectionConfig c) {
    this.runtime = runtime;
    this.c = c;
  }

  /** {@code e}, or a retryable error in its place when the schemas changed under it. */
  SyncError check(SyncError e) {
    if (e == null || e.retryable() || e.field() == null) {
      return e;
    }
    if (changed == null) {
      try {
        changed = runtime.refreshSchemas(c);
      } catch (RuntimeException ex) {
        log.debug("connection {}: schema re-read failed: {}", c.id(), ex.toString());
        changed = false;
      }
    }
    if (!changed) {
      return e;
    }
    return new SyncError(
        CODE,
        e.message()
            + " (the schema changed since the mapping compiled; retrying against the new one)",
        e.field(),
        true,
        null,
        e.detail());
  }
}
