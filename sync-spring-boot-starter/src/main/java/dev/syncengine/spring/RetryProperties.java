package dev.syncengine.spring;

import dev.syncengine.core.model.RetrySettings;
import java.time.Duration;

/**
 * Default retry policy of connections created without one: the {@code sync.retry.*} properties,
 * bound as {@link SyncProperties.Retry}.
 */
public class RetryProperties {
  /** First backoff ceiling. */
  private Duration initialDelay = RetrySettings.DEFAULT_INITIAL_DELAY;

  /** Cap on any single backoff. */
  private Duration maxDelay = RetrySettings.DEFAULT_MAX_DELAY;

  /** Attempts before a job goes to dead letter. */
  private int maxAttempts = RetrySettings.DEFAULT_MAX_ATTEMPTS;

  public Duration getInitialDelay() {
    return initialDelay;
  }

  public void setInitialDelay(Duration initialDelay) {
    this.initialDelay = initialDelay;
  }

  public Duration getMaxDelay() {
    return maxDelay;
  }

  public void setMaxDelay(Duration maxDelay) {
    this.maxDelay = maxDelay;
  }

  public int getMaxAttempts() {
    return maxAttempts;
  }

  public void setMaxAttempts(int maxAttempts) {
    this.maxAttempts = maxAttempts;
  }
}
