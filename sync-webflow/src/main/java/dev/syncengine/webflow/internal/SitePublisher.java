package dev.syncengine.webflow.internal;

import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.spi.WriteResult;
import dev.syncengine.core.spi.WriteResult.Outcome;
import dev.syncengine.webflow.WebflowClient;
import dev.syncengine.webflow.WebflowRateLimitedException;
import dev.syncengine.webflow.WebflowSitePublish;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the sites of connections that ask for it ({@link WebflowSitePublish}), never more than
 * once per interval (Webflow: one per minute) and site. A request while the interval runs is
 * coalesced with every other into one publish when it ends, sent from a background thread, so a
 * write never waits for it. A 429 (someone else published) or a failure moves the next attempt one
 * interval on; after {@value #MAX_FAILURES} failures in a row the publish is given up with a WARN.
 * Thread-safe.
 */
public final class SitePublisher {
  static final int MAX_FAILURES = 5;
  private static final Logger log = LoggerFactory.getLogger(SitePublisher.class);

  /** Runs {@link #runDue()} after a delay. */
  @FunctionalInterface
  public interface Scheduler {
    void schedule(Runnable task, Duration delay);

    /** A daemon thread, started on first use. */
    static Scheduler daemon() {
      return new Scheduler() {
        private ScheduledExecutorService exec;

        @Override
        public synchronized void schedule(Runnable task, Duration delay) {
          if (exec == null) {
            exec =
                Executors.newSingleThreadScheduledExecutor(
                    r -> {
                      Thread t = new Thread(r, "webflow-site-publish");
                      t.setDaemon(true);
                      return t;
                    });
          }
          exec.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        }
      };
    }
  }

  /** One site publish to send. */
  @FunctionalInterface
  public interface Publish {
    void send();
  }

  private static final class Site {
    Publish pending;
    Instant nextAt = Instant.MIN;
    boolean sending;
    int failures;
  }

  private final Clock clock;
  private final Duration interval;
  private final Scheduler scheduler;
  private final Map<String, Site> sites = new HashMap<>();

  public SitePublisher(Clock clock, Duration interval, Scheduler scheduler) {
    this.clock = clock;
    this.interval = interval;
    this.scheduler = scheduler;
  }

  /** After a write: asks for a publish when the connection publishes its site and items changed. */
  public void afterWrite(ConnectionConfig c, WebflowClient client, List<WriteResult> results) {
    WebflowSitePublish what = WebflowSitePublish.of(c);
    String siteId = c.target().parentId();
    if (what == null || siteId == null || results.stream().noneMatch(SitePublisher::changed)) {
      return;
    }
    request(
        siteId, () -> client.publishSite(siteId, what.customDomainIds(), what.webflowSubdomain()));
  }

  private static boolean changed(WriteResult r) {
    return r.succeeded() && r.outcome() != Outcome.UNCHANGED;
  }

  /** Asks for a publish of the site; the newest request is the one sent. */
  public void request(String siteId, Publish publish) {
    Duration wait;
    synchronized (this) {
      Site s = sites.computeIfAbsent(siteId, k -> new Site());
      boolean waiting = s.pending != null || s.sending;
      s.pending = publish;
      if (waiting) {
        return; // coalesced into the publish already due
      }
      wait = untilDue(s);
    }
    scheduler.schedule(this::runDue, wait);
  }

  /** Sends every publish that is due now. */
  public void runDue() {
    while (true) {
      String siteId;
      Publish p;
      synchronized (this) {
        Map.Entry<String, Site> due = nextDue();
        if (due == null) {
          return;
        }
        siteId = due.getKey();
        p = due.getValue().pending;
        due.getValue().pending = null;
        due.getValue().sending = true;
      }
      send(siteId, p);
    }
  }

  private Map.Entry<String, Site> nextDue() {
    Instant now = clock.instant();
    for (Map.Entry<String, Site> e : sites.entrySet()) {
      Site s = e.getValue();
      if (s.pending != null && !s.sending && !now.isBefore(s.nextAt)) {
        return e;
      }
    }
    return null;
  }

  private void send(String siteId, Publish p) {
    boolean failed = false;
    try {
      p.send();
      log.debug("published site {}", siteId);
    } catch (WebflowRateLimitedException e) {
      failed = true; // published by someone else within the minute: ours goes after it
      log.info("site {} was published less than a minute ago; publishing again later", siteId);
    } catch (RuntimeException e) {
      failed = true;
      log.warn("publishing site {} failed: {}", siteId, e.getMessage());
    }
    Duration wait;
    synchronized (this) {
      Site s = sites.get(siteId);
      s.sending = false;
      s.nextAt = clock.instant().plus(interval);
      s.failures = failed ? s.failures + 1 : 0;
      if (failed && s.pending == null && s.failures < MAX_FAILURES) {
        s.pending = p;
      } else if (failed && s.failures >= MAX_FAILURES && s.pending == null) {
        log.warn("gave up publishing site {} after {} failures", siteId, s.failures);
        s.failures = 0;
      }
      if (s.pending == null) {
        return;
      }
      wait = untilDue(s);
    }
    scheduler.schedule(this::runDue, wait);
  }

  private Duration untilDue(Site s) {
    Instant now = clock.instant();
    return s.nextAt.isAfter(now) ? Duration.between(now, s.nextAt) : Duration.ZERO;
  }
}
