package dev.syncengine.store.jdbc.internal;

/** Percentiles by linear interpolation, the same definition as SQL's {@code percentile_cont}. */
final class Percentiles {
  private Percentiles() {}

  /**
   * @param sorted values in ascending order, at least one
   * @param p the fraction, 0–1
   */
  static double cont(long[] sorted, double p) {
    double rank = p * (sorted.length - 1);
    int lower = (int) Math.floor(rank);
    int upper = (int) Math.ceil(rank);
    return sorted[lower] + (rank - lower) * (sorted[upper] - sorted[lower]);
  }
}
