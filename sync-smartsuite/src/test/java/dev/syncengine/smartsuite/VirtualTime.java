package dev.syncengine.smartsuite;

import dev.syncengine.smartsuite.internal.Ticker;
import dev.syncengine.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.Condition;

/**
 * A {@link Ticker} on a {@link TestClock}: the rate limiter's timed waits move the clock on instead
 * of sleeping. Give the same clock to the simulator ({@code SmartSuiteSimulator.Builder.clock}) and
 * its rate limit and request log see the virtual time the client waited for.
 */
final class VirtualTime implements Ticker {
  private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
  private final TestClock clock;

  VirtualTime(TestClock clock) {
    this.clock = clock;
  }

  @Override
  public long nanoTime() {
    return Duration.between(EPOCH, clock.instant()).toNanos();
  }

  @Override
  public void awaitNanos(Condition condition, long nanos) {
    // whole microseconds, rounded up: the clock's precision, and never short of the wait
    clock.advance(Duration.ofNanos((nanos + 999) / 1000 * 1000));
  }
}
