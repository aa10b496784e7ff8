package dev.syncengine.core.internal;

import dev.syncengine.core.model.StoredTargetChange;
import dev.syncengine.core.spi.StoreUnavailableException;
import dev.syncengine.core.spi.TargetChangeStore;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reverse path's worker: one background thread that claims target changes as they arrive (the
 * ingress wakes it), up to a bulk write's worth at a time, and hands them to the {@link
 * ReverseProcessor}. A store outage makes it back off and resume; a claim left by a crash comes
 * back when its lease ends.
 */
public final class ReverseWorker {
  private static final Logger log = LoggerFactory.getLogger(ReverseWorker.class);

  /** A bulk update's worth (SmartSuite's 25 records a call). */
  static final int CLAIM_SIZE = 25;

  static final Duration LEASE = Duration.ofMinutes(2);
  static final Duration IDLE_POLL = Duration.ofMillis(500);
  private static final Duration MAX_OUTAGE_BACKOFF = Duration.ofSeconds(30);

  private final TargetChangeStore store;
  private final ReverseProcessor processor;
  private final WakeSignal signal = new WakeSignal();
  private final String owner;
  private volatile boolean running;
  private Thread thread;

  public ReverseWorker(TargetChangeStore store, ReverseProcessor processor, String owner) {
    this.store = store;
    this.processor = processor;
    this.owner = owner + "/reverse";
  }

  /** Wakes the worker at once (a delivery was stored). */
  public void wake() {
    signal.signal();
  }

  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    thread = new Thread(this::loop, "sync-reverse");
    thread.setDaemon(true);
    thread.start();
  }

  /** Stops after the batch in hand; its rows are recorded, unclaimed ones wait for a restart. */
  public synchronized void stop() {
    running = false;
    signal.signal();
    if (thread != null) {
      try {
        thread.join(Duration.ofSeconds(30).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      thread = null;
    }
  }

  /**
   * Claims and processes batches on the calling thread until nothing is due or {@code maxBatches}
   * were processed.
   *
   * @return rows processed
   */
  public int runOnce(int maxBatches) {
    int total = 0;
    for (int i = 0; i < maxBatches; i++) {
      List<StoredTargetChange> rows = store.claim(owner, CLAIM_SIZE, LEASE);
      if (rows.isEmpty()) {
        break;
      }
      total += processor.process(owner, rows);
    }
    return total;
  }

  private void loop() {
    Duration backoff = Duration.ofMillis(500);
    while (running) {
      long seen = signal.generation();
      try {
        List<StoredTargetChange> rows = store.claim(owner, CLAIM_SIZE, LEASE);
        backoff = Duration.ofMillis(500);
        if (rows.isEmpty()) {
          signal.await(seen, IDLE_POLL);
        } else {
          processor.process(owner, rows);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (StoreUnavailableException e) {
        log.warn("reverse worker: store unavailable, retrying in {}: {}", backoff, e.getMessage());
        sleep(backoff);
        backoff =
            backoff.multipliedBy(2).compareTo(MAX_OUTAGE_BACKOFF) > 0
                ? MAX_OUTAGE_BACKOFF
                : backoff.multipliedBy(2);
      } catch (RuntimeException e) {
        log.warn("reverse worker: unexpected failure", e);
        sleep(backoff);
      }
    }
  }

  private void sleep(Duration d) {
    try {
      signal.await(signal.generation(), d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
