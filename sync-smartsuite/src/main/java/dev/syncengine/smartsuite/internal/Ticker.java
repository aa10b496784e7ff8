package dev.syncengine.smartsuite.internal;

import java.util.concurrent.locks.Condition;

/**
 * Monotonic time and timed waiting for the {@link RateLimiter}, replaceable in tests so they run on
 * virtual time (the same idea as the Webflow adapter's {@code webflow.internal.Ticker}; the two
 * adapters share no module but the core, whose API this does not belong in). Implementations are
 * thread-safe.
 */
public interface Ticker {
  /** Real time: {@link System#nanoTime()} and {@link Condition#awaitNanos}. */
  Ticker SYSTEM =
      new Ticker() {
        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public void awaitNanos(Condition condition, long nanos) throws InterruptedException {
          condition.awaitNanos(nanos);
        }
      };

  long nanoTime();

  /**
   * Waits on {@code condition} (its lock held) for at most {@code nanos}, or until signalled. A
   * virtual ticker moves its time on by {@code nanos} and returns at once.
   */
  void awaitNanos(Condition condition, long nanos) throws InterruptedException;
}
