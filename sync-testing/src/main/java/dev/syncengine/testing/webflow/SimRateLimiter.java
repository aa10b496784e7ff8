package dev.syncengine.testing.webflow;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Webflow-style fixed windows per token: {@code limit} requests per window, then 429 with {@code
 * Retry-After} until the window ends. Thread-safe.
 */
final class SimRateLimiter {
  private final int limit;
  private final long windowNanos;
  private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

  SimRateLimiter(int limit, long windowNanos) {
    this.limit = limit;
    this.windowNanos = windowNanos;
  }

  /** The outcome of one request: allowed or not, the headers' values. */
  record Decision(boolean allowed, int limit, int remaining, long retryAfterSeconds) {}

  Decision take(String token) {
    if (limit <= 0) {
      return new Decision(true, -1, -1, 0);
    }
    Window w = windows.computeIfAbsent(token, t -> new Window());
    synchronized (w) {
      long now = System.nanoTime();
      if (w.start == 0 || now - w.start >= windowNanos) {
        w.start = now;
        w.used = 0;
      }
      if (w.used < limit) {
        w.used++;
        return new Decision(true, limit, limit - w.used, 0);
      }
      long leftNanos = windowNanos - (now - w.start);
      long seconds = Math.max(1, (leftNanos + 999_999_999L) / 1_000_000_000L);
      return new Decision(false, limit, 0, seconds);
    }
  }

  private static final class Window {
    long start;
    int used;
  }
}
