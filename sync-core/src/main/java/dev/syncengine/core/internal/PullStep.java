package dev.syncengine.core.internal;

import dev.syncengine.core.model.ChangeEvent;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Job;
import dev.syncengine.core.spi.SourceAdapter;
import dev.syncengine.core.spi.SourceSession;
import dev.syncengine.core.spi.Stores;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a pull job: pages the source's change feed from the persisted cursor, queues what it finds
 * and moves the cursor only after the changes are durable. Stateless and thread-safe.
 */
final class PullStep {
  /** Pages one pull job may fetch before it gives the worker back. */
  static final int MAX_PULL_PAGES = 50;

  private final Stores stores;
  private final Clock clock;
  private final Runnable changesQueued;

  /**
   * @param changesQueued told after each page's changes are stored, so idle workers claim them at
   *     once (the job store's own notification may come later, or never for an in-memory store)
   */
  PullStep(Stores stores, Clock clock, Runnable changesQueued) {
    this.stores = stores;
    this.clock = clock;
    this.changesQueued = changesQueued;
  }

  /**
   * Pulls until the source has no more (or the page bound is reached).
   *
   * @return how many changes were queued
   */
  int run(ConnectionConfig c, SourceSession source, Job job) {
    String cursorName = "pull:" + job.recordId();
    int found = 0;
    for (int page = 0; page < MAX_PULL_PAGES; page++) {
      String cursor = stores.cursors().get(c.id(), cursorName).orElse(null);
      SourceAdapter.PullPage p = source.pull(job.recordId(), cursor);
      if (!p.events().isEmpty()) {
        Instant now = clock.instant();
        List<ChangeEvent> stamped = new ArrayList<>(p.events().size());
        for (ChangeEvent e : p.events()) {
          stamped.add(e.withReceivedAt(now));
        }
        stores.jobs().enqueue(stamped);
        found += stamped.size();
        changesQueued.run();
      }
      // Persist only after the events are durable: a crash in between re-reads the page, and
      // the events' idempotency keys drop the repeats.
      if (p.nextCursor() != null) {
        stores.cursors().put(c.id(), cursorName, p.nextCursor());
      }
      if (!p.hasMore()) {
        break;
      }
    }
    return found;
  }
}
