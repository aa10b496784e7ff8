package dev.syncengine.webflow.internal;

import java.util.concurrent.locks.LockSupport;

/** Monotonic time and sleeping, replaceable in tests. Implementations are thread-safe. */
public interface Ticker {
  Ticker SYSTEM =
      new Ticker() {
        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public void sleepNanos(long nanos) throws InterruptedException {
          long deadline = System.nanoTime() + nanos;
          for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
              throw new InterruptedException();
            }
          }
        }
      };

  long nanoTime();

  void sleepNanos(long nanos) throws InterruptedException;
}
