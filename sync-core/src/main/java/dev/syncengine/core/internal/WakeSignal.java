package dev.syncengine.core.internal;

import java.time.Duration;

/** Wakes idle workers at once when work arrives; no wake-up is lost between checks. */
public final class WakeSignal {
  private long generation;

  public synchronized void signal() {
    generation++;
    notifyAll();
  }

  /** The current generation: pass it to {@link #await} to not miss a signal sent after reading. */
  public synchronized long generation() {
    return generation;
  }

  /** Waits until a signal newer than {@code seen} or the timeout. */
  public synchronized void await(long seen, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (generation == seen) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }
}
