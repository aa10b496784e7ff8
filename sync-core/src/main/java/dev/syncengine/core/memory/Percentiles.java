package dev.syncengine.core.memory;

import dev.syncengine.core.spi.EventLogStore.Latency;

/** Nearest-rank percentiles over sorted values; shared by stores that compute them in Java. */
public final class Percentiles {
  private Percentiles() {}

  /**
   * Computes p50/p95/p99.
   *
   * @param sorted values in ascending order
   */
  public static Latency of(long[] sorted) {
    if (sorted.length == 0) {
      return new Latency(0, 0, 0, 0);
    }
    return new Latency(sorted.length, rank(sorted, 50), rank(sorted, 95), rank(sorted, 99));
  }

  private static long rank(long[] sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
