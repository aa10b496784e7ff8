package dev.syncengine.servlet;

/**
 * One extra condition of {@code GET /health/ready}, e.g. "migrations applied". Register it with
 * {@link SyncServlets.Builder#readinessCheck(String, ReadinessCheck)}.
 *
 * <pre>{@code
 * builder.readinessCheck("migrations", () -> {
 *   if (!migrator.upToDate()) throw new IllegalStateException("migrations pending");
 * });
 * }</pre>
 *
 * <p>Implementations must be thread-safe and quick (the check runs on every readiness probe).
 */
@FunctionalInterface
public interface ReadinessCheck {
  /**
   * Returns normally when ready.
   *
   * @throws Exception when not ready; only the exception's type is shown, the message is logged
   */
  void check() throws Exception;
}
