package dev.syncengine.core.internal;

import java.time.Duration;

/** Checks of configured durations. Stateless. */
public final class Durations {
  private Durations() {}

  /**
   * @throws IllegalArgumentException naming {@code name} when {@code d} is zero or negative
   */
  public static Duration positive(Duration d, String name) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
    return d;
  }
}
