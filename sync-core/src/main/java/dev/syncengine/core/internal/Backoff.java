package dev.syncengine.core.internal;

import dev.syncengine.core.model.RetrySettings;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with full jitter. Stateless and thread-safe. */
public final class Backoff {
  private Backoff() {}

  /** The ceiling for attempt {@code n} (1-based): {@code min(max, initial * 2^(n-1))}. */
  public static Duration ceiling(RetrySettings s, int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be >= 1");
    }
    long initial = s.initialDelay().toMillis();
    long max = s.maxDelay().toMillis();
    int shift = Math.min(attempt - 1, 62);
    long ceiling = initial > (max >> shift) ? max : initial << shift;
    return Duration.ofMillis(Math.min(max, ceiling));
  }

  /**
   * A random delay in {@code [0, ceiling]}, but never less than what the remote asked for.
   *
   * @param retryAfter the remote's minimum wait, or null
   */
  public static Duration delay(RetrySettings s, int attempt, Duration retryAfter, double random) {
    long ceiling = ceiling(s, attempt).toMillis();
    long jittered = (long) Math.floor(random * (ceiling + 1));
    long floor = retryAfter == null ? 0 : retryAfter.toMillis();
    return Duration.ofMillis(Math.max(Math.min(jittered, ceiling), floor));
  }

  public static Duration delay(RetrySettings s, int attempt, Duration retryAfter) {
    return delay(s, attempt, retryAfter, ThreadLocalRandom.current().nextDouble());
  }
}
