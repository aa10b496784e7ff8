package dev.syncengine.testing.webflow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Webflow's site-publish rate: "one successful publish queue per minute" (webflow-openapi-v2.yml,
 * {@code site-publish}; webflow-api.md "limited to one successful publish per minute"); a publish
 * sooner is answered {@code 429 too_many_requests}. The minute is the simulator's rate window, on
 * its clock: the system's, or a test's virtual one ({@link WebflowSimulator.Builder#clock}).
 * Thread-safe.
 */
final class SimSitePublishes {
  private final Clock clock;
  private final long windowNanos;
  private final Map<String, Long> last = new ConcurrentHashMap<>();

  SimSitePublishes(Clock clock, Duration window) {
    this.clock = clock;
    this.windowNanos = window.toNanos();
  }

  /** Counts a successful publish of the site, or refuses it; returns when it happened. */
  synchronized Instant publish(String siteId) {
    long now = clock == null ? System.nanoTime() : toNanos(clock.instant());
    Long before = last.get(siteId);
    if (before != null && now - before < windowNanos) {
      throw new SimError(
          429, "too_many_requests", "Site publish allowed once per minute", List.of());
    }
    last.put(siteId, now);
    return clock == null ? Instant.now() : clock.instant();
  }

  private static long toNanos(Instant i) {
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }
}
