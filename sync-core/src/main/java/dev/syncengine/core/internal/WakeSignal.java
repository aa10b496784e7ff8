package dev.syncengine.core.internal;

import java.time.Duration;

/**
 * Wakes idle workers at once when work arrives; no wake-up is lost between checks. Work that needs
 * no write slot (a pull: the source's change feed to read) is signalled as urgent, which also cuts
 * short a worker waiting for the sink's next free request slot.
 */
public final class WakeSignal {
  private long generation;
  private long urgentGeneration;

  public synchronized void signal() {
    generation++;
    notifyAll();
  }

  /** Signals work that should not wait for a write slot (and wakes idle workers as well). */
  public synchronized void signalUrgent() {
    generation++;
    urgentGeneration++;
    notifyAll();
  }

  /** The current urgent generation, for {@link #awaitUrgent}. */
  public synchronized long urgentGeneration() {
    return urgentGeneration;
  }

  /** Waits until an urgent signal newer than {@code seen} or the timeout. */
  public synchronized void awaitUrgent(long seen, Duration timeout) throws InterruptedException {
    awaitChange(() -> urgentGeneration, seen, timeout);
  }

  /** The current generation: pass it to {@link #await} to not miss a signal sent after reading. */
  public synchronized long generation() {
    return generation;
  }

  /** Waits until a signal newer than {@code seen} or the timeout. */
  public synchronized void await(long seen, Duration timeout) throws InterruptedException {
    awaitChange(() -> generation, seen, timeout);
  }

  /** Waits, holding this monitor, until {@code current} differs from {@code seen} or timeout. */
  private void awaitChange(java.util.function.LongSupplier current, long seen, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (current.getAsLong() == seen) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }
}
