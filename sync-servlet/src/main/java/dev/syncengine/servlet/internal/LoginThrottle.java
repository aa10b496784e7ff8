package dev.syncengine.servlet.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Counts failed logins per remote address in a sliding window; at the limit the address waits until
 * its oldest failure leaves the window. Remembers a bounded number of addresses. Thread-safe (one
 * lock; logins are rare).
 */
public final class LoginThrottle {
  static final int MAX_ADDRESSES = 10_000;

  private final Clock clock;
  private final int maxFailures;
  private final Duration window;
  private final Map<String, Deque<Instant>> failures =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
          return size() > MAX_ADDRESSES;
        }
      };

  public LoginThrottle(Clock clock, int maxFailures, Duration window) {
    this.clock = clock;
    this.maxFailures = maxFailures;
    this.window = window;
  }

  /** How long the address must wait, or empty when it may try. */
  public synchronized Optional<Duration> blocked(String address) {
    Deque<Instant> f = prune(address);
    if (f == null || f.size() < maxFailures) {
      return Optional.empty();
    }
    Duration wait = Duration.between(clock.instant(), f.peekFirst().plus(window));
    return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
  }

  public synchronized void failed(String address) {
    Deque<Instant> f = prune(address);
    if (f == null) {
      f = new ArrayDeque<>();
      failures.put(address, f);
    }
    f.addLast(clock.instant());
  }

  public synchronized void succeeded(String address) {
    failures.remove(address);
  }

  private Deque<Instant> prune(String address) {
    Deque<Instant> f = failures.get(address);
    if (f == null) {
      return null;
    }
    Instant cutoff = clock.instant().minus(window);
    while (!f.isEmpty() && !f.peekFirst().isAfter(cutoff)) {
      f.removeFirst();
    }
    if (f.isEmpty()) {
      failures.remove(address);
      return null;
    }
    return f;
  }
}
