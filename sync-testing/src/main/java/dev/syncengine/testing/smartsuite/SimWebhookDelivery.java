package dev.syncengine.testing.smartsuite;

import java.time.Duration;

/**
 * How the simulator delivers webhook pings: how many copies of each ping, and up to how long each
 * copy is held back (random delays reorder pings). The defaults deliver each ping once, at once.
 *
 * @param copies copies of every ping (2 means every ping is delivered twice), at least 1
 * @param maxDelay each copy waits a random time in {@code [0, maxDelay]}; non-zero reorders pings
 * @param seed seed for the random delays, so a failing test can be replayed
 */
public record SimWebhookDelivery(int copies, Duration maxDelay, long seed) {
  public SimWebhookDelivery {
    if (copies < 1) {
      throw new IllegalArgumentException("copies must be at least 1");
    }
    if (maxDelay.isNegative()) {
      throw new IllegalArgumentException("maxDelay must not be negative");
    }
  }

  public static SimWebhookDelivery once() {
    return new SimWebhookDelivery(1, Duration.ZERO, 1L);
  }
}
