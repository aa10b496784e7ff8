package dev.syncengine.core;

import java.time.Instant;

/**
 * What went wrong lately for one connection, as this engine instance saw it (kept in memory since
 * the engine started; {@link SyncEngine#problems} adds what the stores remember). A problem is
 * cleared when the thing it is about works again: a refused delivery by an accepted one, a failed
 * webhook registration by a successful one, an upstream error by a successful write or pull. Every
 * field is null when there is nothing to report.
 *
 * @param refusedDelivery the last webhook delivery refused (code e.g. {@code
 *     no_webhook_registered_for_this_connection}, {@code webhook_token_mismatch})
 * @param registrationFailure the last failed webhook registration or keepalive
 * @param upstreamError the last failed call to the source or target (5xx, auth, unexpected shape)
 * @param deadLetter the last job sent to dead letter
 * @param schemaDrift mapping rules paused because a field they read or write was deleted, renamed
 *     or changed type (code {@code schema_drift}; the message names each rule and why); the rest of
 *     the mapping keeps syncing, and it clears when the fields are back or the mapping is fixed
 */
public record ConnectionProblems(
    Problem refusedDelivery,
    Problem registrationFailure,
    Problem upstreamError,
    Problem deadLetter,
    Problem schemaDrift) {

  /** Nothing to report. */
  public static final ConnectionProblems NONE =
      new ConnectionProblems(null, null, null, null, null);

  /** The problems without schema drift (as before it was reported). */
  public ConnectionProblems(
      Problem refusedDelivery,
      Problem registrationFailure,
      Problem upstreamError,
      Problem deadLetter) {
    this(refusedDelivery, registrationFailure, upstreamError, deadLetter, null);
  }

  /** Whether any problem is set. */
  public boolean any() {
    return refusedDelivery != null
        || registrationFailure != null
        || upstreamError != null
        || deadLetter != null
        || schemaDrift != null;
  }

  /**
   * One kind of problem: the newest occurrence and how many there were since it started.
   *
   * @param code short machine-readable code (a reason or error code)
   * @param message what happened, safe to show (secrets are removed)
   * @param firstAt when the first occurrence since the last recovery happened
   * @param lastAt when the newest occurrence happened
   * @param count occurrences since the last recovery (exact, unlike the rate-limited log)
   * @param operation what was being done (e.g. {@code fetch}, {@code write}, {@code register}), or
   *     null
   * @param jobId the job involved, or null
   * @param recordId the source record involved, or null
   */
  public record Problem(
      String code,
      String message,
      Instant firstAt,
      Instant lastAt,
      long count,
      String operation,
      Long jobId,
      String recordId) {}
}
