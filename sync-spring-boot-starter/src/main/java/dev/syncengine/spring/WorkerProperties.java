package dev.syncengine.spring;

import dev.syncengine.core.SyncEngine;
import dev.syncengine.core.WorkerSettings;
import java.time.Duration;

/**
 * The background workers: the {@code sync.worker.*} properties, bound as {@link
 * SyncProperties.Worker}.
 */
public class WorkerProperties {
  /** Whether this instance runs workers (turn off for ingress-only instances). */
  private boolean enabled = true;

  /** Worker threads. */
  private int concurrency = WorkerSettings.DEFAULT_CONCURRENCY;

  /** Jobs claimed per batch. */
  private int batchSize = WorkerSettings.DEFAULT_CLAIM_SIZE;

  /** How long an idle worker waits before looking again when nothing wakes it. */
  private Duration pollInterval = WorkerSettings.DEFAULT_POLL_INTERVAL;

  /** How long a claim lasts before another worker may take it (renewed while working). */
  private Duration lease = WorkerSettings.DEFAULT_LEASE;

  /** How long shutdown lets running batches finish. */
  private Duration shutdownTimeout = WorkerSettings.DEFAULT_SHUTDOWN_TIMEOUT;

  /** How often webhook keepalive runs. */
  private Duration maintenanceInterval = SyncEngine.DEFAULT_MAINTENANCE_INTERVAL;

  /**
   * An extra pause after a batch that was not full (default 0: workers already wait for the sink's
   * next free request slot and write all that gathered meanwhile in one request).
   */
  private Duration linger = WorkerSettings.DEFAULT_LINGER;

  public Duration getLinger() {
    return linger;
  }

  public void setLinger(Duration linger) {
    this.linger = linger;
  }

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public int getConcurrency() {
    return concurrency;
  }

  public void setConcurrency(int concurrency) {
    this.concurrency = concurrency;
  }

  public int getBatchSize() {
    return batchSize;
  }

  public void setBatchSize(int batchSize) {
    this.batchSize = batchSize;
  }

  public Duration getPollInterval() {
    return pollInterval;
  }

  public void setPollInterval(Duration pollInterval) {
    this.pollInterval = pollInterval;
  }

  public Duration getLease() {
    return lease;
  }

  public void setLease(Duration lease) {
    this.lease = lease;
  }

  public Duration getShutdownTimeout() {
    return shutdownTimeout;
  }

  public void setShutdownTimeout(Duration shutdownTimeout) {
    this.shutdownTimeout = shutdownTimeout;
  }

  public Duration getMaintenanceInterval() {
    return maintenanceInterval;
  }

  public void setMaintenanceInterval(Duration maintenanceInterval) {
    this.maintenanceInterval = maintenanceInterval;
  }
}
