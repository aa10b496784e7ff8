package dev.syncengine.core.internal;

import dev.syncengine.core.mapping.CompiledMapping;
import dev.syncengine.core.mapping.MappingValidationException;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.spi.ErrorCodes;
import dev.syncengine.core.spi.SyncError;
import dev.syncengine.core.spi.SyncException;

/**
 * One connection's compiled mapping, compiled on first use, for one write call. Not thread-safe.
 */
final class LazyMapping {
  private final ConnectionRuntime runtime;
  private final ConnectionConfig c;
  private final Problems problems;
  private boolean tried;
  private CompiledMapping mapping;
  private SyncError error;

  LazyMapping(ConnectionRuntime runtime, ConnectionConfig c, Problems problems) {
    this.runtime = runtime;
    this.c = c;
    this.problems = problems;
  }

  /** The mapping; null when it failed to compile (see {@link #error}). */
  CompiledMapping get() {
    if (!tried) {
      tried = true;
      try {
        mapping = runtime.mapping(c);
        // paused rules show on the connection; none clears what an earlier compile reported
        problems.schemaDrift(c.id(), runtime.pausedRules(c.id()));
      } catch (MappingValidationException e) {
        error = SyncError.permanent(ErrorCodes.MAPPING_INVALID, e.getMessage(), null);
      } catch (SyncException e) {
        error = e.error();
      } catch (RuntimeException e) {
        error = BatchProcessor.unexpected(e);
      }
    }
    return mapping;
  }

  /** Why {@link #get} returned null. */
  SyncError error() {
    return error;
  }
}
