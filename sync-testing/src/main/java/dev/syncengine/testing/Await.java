package dev.syncengine.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits in tests for a condition instead of sleeping a fixed time: polls every 20 ms until the
 * condition holds, and fails with a description of what was awaited once the timeout passes.
 */
public final class Await {
  private static final long POLL_MILLIS = 20;

  private Await() {}

  /**
   * Returns as soon as {@code condition} holds.
   *
   * @param timeout how long to wait at most
   * @param what describes what was awaited, for the failure message; called only on timeout
   * @param condition polled every 20 ms from the calling thread
   * @throws AssertionError if the condition still does not hold after {@code timeout}
   * @throws InterruptedException if the calling thread is interrupted while waiting
   */
  public static void until(Duration timeout, Supplier<String> what, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what.get());
      }
      Thread.sleep(POLL_MILLIS);
    }
  }
}
