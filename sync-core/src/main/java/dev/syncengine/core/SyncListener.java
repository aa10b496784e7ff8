package dev.syncengine.core;

import dev.syncengine.core.spi.WriteResult;
import java.time.Duration;

/**
 * Hooks for metrics and tracing. Every method is a no-op: override what you need. Exceptions thrown
 * by a listener are logged and swallowed. Implementations must be thread-safe.
 */
public abstract class SyncListener {
  /** A listener that does nothing. */
  public static final SyncListener NONE = new SyncListener() {};

  /** A delivery was accepted; {@code duplicates} of {@code events} were already known. */
  public void ingested(String connectionId, int events, int duplicates) {}

  /** A delivery was refused. */
  public void rejected(String connectionId, String reason) {}

  /** A worker claimed jobs. */
  public void claimed(int jobs) {}

  /** An item was written; {@code lag} runs from ingress to now. */
  public void written(String connectionId, WriteResult.Outcome outcome, Duration lag) {}

  /** A job failed and will be retried. */
  public void retried(String connectionId, String errorCode) {}

  /** A job went to dead letter. */
  public void dead(String connectionId, String errorCode) {}
}
