package dev.syncengine.core;

import java.time.Duration;
import java.util.Objects;

/**
 * How the engine's background workers run.
 *
 * @param concurrency worker threads (each claims and processes its own batches)
 * @param claimSize jobs claimed per batch
 * @param pollInterval how long an idle worker waits before looking again when nothing wakes it
 * @param lease how long a claim lasts before another worker may take it. A live worker renews the
 *     leases of what it holds every quarter of this, on its own thread, so a slow write is never
 *     taken over; a killed process's claims become claimable this long after its last renewal,
 *     which is what bounds how soon a restarted instance resumes its predecessor's work
 * @param shutdownTimeout how long {@link SyncEngine#stop()} lets batches finish before releasing
 * @param linger an extra pause after a batch that was not full, letting changes gather. Rarely
 *     needed: a worker waits for the sink's next free request slot before it claims (the sink says
 *     when, see {@code SinkSession.untilNextWrite}), so what piles up meanwhile shares one request
 *     without any linger; a sink that cannot tell may want one ({@link Duration#ZERO}, the default:
 *     claim again at once)
 */
public record WorkerSettings(
    int concurrency,
    int claimSize,
    Duration pollInterval,
    Duration lease,
    Duration shutdownTimeout,
    Duration linger) {
  public static final int DEFAULT_CONCURRENCY = 2;
  public static final int DEFAULT_CLAIM_SIZE = 300;
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(2);
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(6);
  public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(20);

  /**
   * No linger: workers already wait for the sink's next free request slot and write everything
   * queued by then in one request, so a fixed linger would only add latency.
   */
  public static final Duration DEFAULT_LINGER = Duration.ZERO;

  public WorkerSettings {
    if (concurrency < 1 || concurrency > 64) {
      throw new IllegalArgumentException("concurrency must be 1-64: " + concurrency);
    }
    if (claimSize < 1 || claimSize > 1000) {
      throw new IllegalArgumentException("claimSize must be 1-1000: " + claimSize);
    }
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
    Objects.requireNonNull(linger, "linger");
    if (linger.isNegative()) {
      throw new IllegalArgumentException("linger must not be negative");
    }
    if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("lease must be at least 1s");
    }
  }

  /** Settings without linger: every batch is claimed as soon as the previous one is done. */
  public WorkerSettings(
      int concurrency,
      int claimSize,
      Duration pollInterval,
      Duration lease,
      Duration shutdownTimeout) {
    this(concurrency, claimSize, pollInterval, lease, shutdownTimeout, Duration.ZERO);
  }

  public static WorkerSettings ofDefaults() {
    return new WorkerSettings(
        DEFAULT_CONCURRENCY,
        DEFAULT_CLAIM_SIZE,
        DEFAULT_POLL_INTERVAL,
        DEFAULT_LEASE,
        DEFAULT_SHUTDOWN_TIMEOUT,
        DEFAULT_LINGER);
  }
}
