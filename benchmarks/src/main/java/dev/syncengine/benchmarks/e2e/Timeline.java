package dev.syncengine.benchmarks.e2e;

import dev.syncengine.testing.webflow.SimStats;
import dev.syncengine.testing.webflow.WebflowSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Webflow requests and 429s per rate-limit window, sampled from the simulator's counters every 20
 * ms: shows where a run spent or lost its budget (the first window, the tail, dips in between).
 */
final class Timeline {
  private final WebflowSimulator wf;
  private final long windowNanos;
  private final List<long[]> samples = new ArrayList<>(); // nanos, requests, 429s
  private final Thread thread;
  private volatile boolean stopped;

  private Timeline(WebflowSimulator wf, Duration window) {
    this.wf = wf;
    this.windowNanos = window.toNanos();
    this.thread = new Thread(this::run, "timeline");
    thread.setDaemon(true);
  }

  static Timeline start(WebflowSimulator wf, Duration window) {
    Timeline t = new Timeline(wf, window);
    t.thread.start();
    return t;
  }

  private void run() {
    while (!stopped) {
      SimStats s = wf.stats();
      synchronized (samples) {
        samples.add(new long[] {System.nanoTime(), s.requests(), s.rateLimited()});
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Stops sampling; returns "requests/429s" per window from the first request on. */
  String stop() throws InterruptedException {
    stopped = true;
    thread.join();
    long start = -1;
    List<String> out = new ArrayList<>();
    long windowStartRequests = 0;
    long windowStartLimited = 0;
    long windowEnd = 0;
    long[] last = null;
    for (long[] s : samples) {
      if (start < 0) {
        if (s[1] == 0) {
          continue;
        }
        start = s[0];
        windowEnd = start + windowNanos;
      }
      while (s[0] - windowEnd >= 0) {
        long[] at = last == null ? s : last;
        out.add(
            (at[1] - windowStartRequests)
                + (at[2] > windowStartLimited ? "/" + (at[2] - windowStartLimited) : ""));
        windowStartRequests = at[1];
        windowStartLimited = at[2];
        windowEnd += windowNanos;
      }
      last = s;
    }
    if (last != null) {
      out.add((last[1] - windowStartRequests) + "(partial)");
    }
    return "requests per window from the first: " + String.join(" ", out);
  }
}
