package dev.syncengine.smartsuite.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;

/** Virtual time for the {@link RateLimiter}: a timed wait moves the time on and returns at once. */
final class VirtualTicker implements Ticker {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final AtomicLong waited = new AtomicLong();

  @Override
  public long nanoTime() {
    return now.get();
  }

  @Override
  public void awaitNanos(Condition condition, long nanos) {
    waited.addAndGet(nanos);
    now.addAndGet(nanos);
  }

  void advance(Duration by) {
    now.addAndGet(by.toNanos());
  }

  /** The virtual time spent in timed waits so far. */
  Duration waited() {
    return Duration.ofNanos(waited.get());
  }
}
