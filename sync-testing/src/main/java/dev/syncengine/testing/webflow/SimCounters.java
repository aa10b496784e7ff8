package dev.syncengine.testing.webflow;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/** The simulator's counters behind {@link WebflowSimulator#stats()}. Thread-safe. */
final class SimCounters {
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong rateLimited = new AtomicLong();
  private final AtomicLong itemsCreated = new AtomicLong();
  private final AtomicLong faultsInjected = new AtomicLong();
  private final AtomicLongArray byOperation = new AtomicLongArray(SimOperation.values().length);

  SimStats stats() {
    Map<SimOperation, Long> ops = new EnumMap<>(SimOperation.class);
    for (SimOperation op : SimOperation.values()) {
      long v = byOperation.get(op.ordinal());
      if (v > 0) {
        ops.put(op, v);
      }
    }
    return new SimStats(
        requests.get(), rateLimited.get(), itemsCreated.get(), faultsInjected.get(), ops);
  }

  void reset() {
    requests.set(0);
    rateLimited.set(0);
    itemsCreated.set(0);
    faultsInjected.set(0);
    for (int i = 0; i < byOperation.length(); i++) {
      byOperation.set(i, 0);
    }
  }

  void countRequest(SimOperation op) {
    requests.incrementAndGet();
    if (op != null) {
      byOperation.incrementAndGet(op.ordinal());
    }
  }

  void countRateLimited() {
    rateLimited.incrementAndGet();
  }

  void countCreated(int n) {
    itemsCreated.addAndGet(n);
  }

  void countFaultInjected() {
    faultsInjected.incrementAndGet();
  }
}
