package dev.syncengine.testing.webflow;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The fault rules added to the simulator, tried in the order added, with a seeded random source for
 * their probabilities. Thread-safe.
 */
final class SimFaults {
  private final List<Fault> faults = new CopyOnWriteArrayList<>();
  private final SplittableRandom random;
  private final SimCounters counters;

  SimFaults(long seed, SimCounters counters) {
    this.random = new SplittableRandom(seed);
    this.counters = counters;
  }

  void add(Fault fault) {
    faults.add(Objects.requireNonNull(fault, "fault"));
  }

  void clear() {
    faults.clear();
  }

  /** The first rule that acts on {@code op} this time, or null. */
  Fault pick(SimOperation op) {
    for (Fault f : faults) {
      if (f.matches(op) && roll(f.probability()) && f.take()) {
        counters.countFaultInjected();
        return f;
      }
    }
    return null;
  }

  private boolean roll(double p) {
    if (p >= 1) {
      return true;
    }
    synchronized (random) {
      return random.nextDouble() < p;
    }
  }
}
