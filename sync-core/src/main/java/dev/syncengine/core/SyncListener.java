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

  /**
   * A delivery was refused. {@code reason} is a short code such as {@code webhook_token_mismatch},
   * {@code no_webhook_registered_for_this_connection}, {@code malformed_body}, {@code
   * unknown_connection} (then {@code connectionId} is {@code "unknown"}, never the caller's path)
   * or {@code store_unavailable}.
   */
  public void rejected(String connectionId, String reason) {}

  /**
   * Registering, repairing or keeping alive the source webhook failed ({@code code}: the adapter's
   * error code, e.g. {@code smartsuite_unavailable}, or {@code internal_error}).
   */
  public void webhookRegistrationFailed(String connectionId, String code) {}

  /**
   * A call to the source or target failed as a whole, or an item failed with a retryable upstream
   * error (a 5xx, a timeout, an auth failure, an unexpected answer). {@code operation} is {@code
   * fetch}, {@code pull}, {@code write}, {@code backfill}, {@code reconcile} or {@code poll}.
   */
  public void upstreamError(String connectionId, String operation, String code) {}

  /** A worker claimed jobs. */
  public void claimed(int jobs) {}

  /** An item was written; {@code lag} runs from ingress to now. */
  public void written(String connectionId, WriteResult.Outcome outcome, Duration lag) {}

  /** A job failed and will be retried. */
  public void retried(String connectionId, String errorCode) {}

  /** A job went to dead letter. */
  public void dead(String connectionId, String errorCode) {}
}
