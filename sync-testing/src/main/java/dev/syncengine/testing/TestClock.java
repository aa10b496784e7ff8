package dev.syncengine.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * A clock a test moves by hand, so leases expire and backoffs elapse without sleeping.
 *
 * <pre>{@code
 * TestClock clock = TestClock.at(Instant.parse("2025-03-30T01:30:00Z"));
 * clock.advance(Duration.ofMinutes(5));
 * }</pre>
 *
 * <p>Thread-safe. Instants are kept to whole microseconds, the precision of the durable stores.
 */
public final class TestClock extends Clock {
  private volatile Instant now;

  private TestClock(Instant now) {
    this.now = now.truncatedTo(ChronoUnit.MICROS);
  }

  public static TestClock at(Instant start) {
    return new TestClock(start);
  }

  @Override
  public Instant instant() {
    return now;
  }

  public synchronized void advance(Duration by) {
    now = now.plus(by).truncatedTo(ChronoUnit.MICROS);
  }

  public void set(Instant instant) {
    now = instant.truncatedTo(ChronoUnit.MICROS);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
