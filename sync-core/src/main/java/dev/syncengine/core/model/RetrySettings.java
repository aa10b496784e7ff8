package dev.syncengine.core.model;

import java.time.Duration;
import java.util.Objects;

/**
 * Exponential backoff with full jitter: attempt {@code n} waits a random time in {@code [0,
 * min(max, initial * 2^(n-1))]}; after {@code maxAttempts} failed attempts the job is dead.
 *
 * @param initialDelay first backoff ceiling
 * @param maxDelay cap on any single delay
 * @param maxAttempts attempts before the job goes to dead letter (at least 1)
 */
public record RetrySettings(Duration initialDelay, Duration maxDelay, int maxAttempts) {
  public static final Duration DEFAULT_INITIAL_DELAY = Duration.ofSeconds(2);
  public static final Duration DEFAULT_MAX_DELAY = Duration.ofMinutes(10);
  public static final int DEFAULT_MAX_ATTEMPTS = 10;

  public RetrySettings {
    Objects.requireNonNull(initialDelay, "initialDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (initialDelay.isNegative() || initialDelay.isZero()) {
      throw new IllegalArgumentException("initialDelay must be positive");
    }
    if (maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException("maxDelay must be at least initialDelay");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
  }

  public static RetrySettings ofDefaults() {
    return new RetrySettings(DEFAULT_INITIAL_DELAY, DEFAULT_MAX_DELAY, DEFAULT_MAX_ATTEMPTS);
  }
}
