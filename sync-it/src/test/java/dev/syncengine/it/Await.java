package dev.syncengine.it;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition every 20 ms until it holds or the timeout passes. */
final class Await {
  private Await() {}

  static void until(Duration timeout, Supplier<String> what, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("timed out after " + timeout + " waiting for " + what.get());
      }
      Thread.sleep(20);
    }
  }
}
