package dev.syncengine.testing.smartsuite;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * SmartSuite's limit: at most {@code limit} accepted requests per key in any second; one more and
 * every request for that key fails for {@code penalty}. Thread-safe.
 */
final class SimRateGate {
  private static final Duration WINDOW = Duration.ofSeconds(1);
  private final int limit;
  private final Duration penalty;
  private final Map<String, ArrayDeque<Instant>> accepted = new HashMap<>();
  private final Map<String, Instant> blockedUntil = new HashMap<>();

  SimRateGate(int limit, Duration penalty) {
    this.limit = limit;
    this.penalty = penalty;
  }

  /** Returns true when the request may proceed; false means answer 429. */
  synchronized boolean admit(String key, Instant now) {
    if (limit <= 0) {
      return true;
    }
    Instant until = blockedUntil.get(key);
    if (until != null && now.isBefore(until)) {
      return false;
    }
    ArrayDeque<Instant> times = accepted.computeIfAbsent(key, k -> new ArrayDeque<>());
    while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(WINDOW))) {
      times.pollFirst();
    }
    if (times.size() >= limit) {
      blockedUntil.put(key, now.plus(penalty));
      return false;
    }
    times.addLast(now);
    return true;
  }
}
