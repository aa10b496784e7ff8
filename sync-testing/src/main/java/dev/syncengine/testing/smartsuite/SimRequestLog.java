package dev.syncengine.testing.smartsuite;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Every API request the simulator answered, and how many were refused with 429. Thread-safe. */
final class SimRequestLog {
  private final Object lock = new Object();
  private final List<SimRequest> requests = new ArrayList<>();
  private final AtomicLong rateLimited = new AtomicLong();

  void recordRequest(SimRequest request, boolean limited) {
    if (limited) {
      rateLimited.incrementAndGet();
    }
    synchronized (lock) {
      requests.add(request);
    }
  }

  /** Every API request received so far, in arrival order. */
  List<SimRequest> requests() {
    List<SimRequest> copy;
    synchronized (lock) {
      copy = new ArrayList<>(requests);
    }
    // Requests are recorded as they are answered but stamped as they arrive; concurrent ones are
    // answered out of arrival order, and a sliding window over them needs time order.
    copy.sort(java.util.Comparator.comparing(SimRequest::at));
    return List.copyOf(copy);
  }

  /** How many requests were answered 429. */
  long rateLimitedCount() {
    return rateLimited.get();
  }

  /** The most requests received within any window of length {@code window}. */
  int maxRequestsInAnyWindow(Duration window) {
    List<SimRequest> all = requests();
    int max = 0;
    int start = 0;
    for (int end = 0; end < all.size(); end++) {
      Instant limit = all.get(end).at().minus(window);
      while (!all.get(start).at().isAfter(limit)) {
        start++;
      }
      max = Math.max(max, end - start + 1);
    }
    return max;
  }

  /** Forgets the recorded requests (not the rate limiter's state). */
  void clearRequests() {
    synchronized (lock) {
      requests.clear();
    }
  }
}
