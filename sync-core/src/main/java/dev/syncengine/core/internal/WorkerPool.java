package dev.syncengine.core.internal;

import dev.syncengine.core.RunSummary;
import dev.syncengine.core.SyncListener;
import dev.syncengine.core.WorkerSettings;
import dev.syncengine.core.model.Job;
import dev.syncengine.core.spi.JobStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background workers: each claims a batch, processes it, and waits for a signal or the poll
 * interval when there is nothing due. Leases of in-flight jobs are renewed while they are worked
 * on. A store outage makes workers back off and resume; claimed work is never dropped.
 */
public final class WorkerPool {
  private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);
  private static final Duration MAX_OUTAGE_BACKOFF = Duration.ofSeconds(30);
  private static final Duration MAX_PACING_WAIT = Duration.ofMillis(250);

  private final JobStore jobs;
  private final BatchProcessor processor;
  private final WorkerSettings settings;
  private final WakeSignal signal;
  private final SyncListener listener;
  private final String owner;
  private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();

  /**
   * One worker at a time waits for the next request slot and claims; it hands the turn on once its
   * first write is sent, so the next claim sees that slot taken and gathers until the one after.
   */
  private final java.util.concurrent.Semaphore claimTurn = new java.util.concurrent.Semaphore(1);

  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running;
  private ScheduledExecutorService renewer;

  public WorkerPool(
      JobStore jobs,
      BatchProcessor processor,
      WorkerSettings settings,
      WakeSignal signal,
      SyncListener listener,
      String owner) {
    this.jobs = jobs;
    this.processor = processor;
    this.settings = settings;
    this.signal = signal;
    this.listener = listener;
    this.owner = owner;
    // A job about to be recorded is no longer ours to renew: its row changes hands in that
    // transaction, and counting it as held would read as a lapsed lease.
    processor.onRecording(inFlight::removeAll);
  }

  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    long every = renewEvery(settings.lease()).toMillis();
    renewer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "sync-lease-renewer");
              t.setDaemon(true);
              return t;
            });
    renewer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
    for (int i = 0; i < settings.concurrency(); i++) {
      Thread t = new Thread(this::loop, "sync-worker-" + i);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
  }

  /**
   * How often held leases are renewed: a quarter of the lease, so three renewals in a row may be
   * late or fail (a store hiccup, a long GC pause) before a live worker's claim could lapse.
   */
  static Duration renewEvery(Duration lease) {
    return Duration.ofMillis(Math.max(100, lease.toMillis() / 4));
  }

  private void renew() {
    List<Long> held = List.copyOf(inFlight);
    if (held.isEmpty()) {
      return;
    }
    try {
      int still = jobs.renew(owner, held, settings.lease());
      if (still < held.size()) {
        // Jobs leave inFlight just before their outcome is recorded, so what is still in it and
        // was not renewed has lost its lease.
        List<Long> now = held.stream().filter(inFlight::contains).toList();
        if (now.size() > still) {
          log.warn(
              "{} of {} claimed jobs are no longer held by {} (lease of {} lapsed before renewal);"
                  + " another worker may take them",
              now.size() - still,
              now.size(),
              owner,
              settings.lease());
        }
      }
    } catch (RuntimeException e) {
      log.warn("lease renewal failed: {}", e.toString());
    }
  }

  private void loop() {
    Duration outage = Duration.ofMillis(250);
    while (running) {
      long seen = signal.generation();
      try {
        RunSummary s = pacedBatch();
        outage = Duration.ofMillis(250);
        if (s.claimed() == 0) {
          signal.await(seen, settings.pollInterval());
        } else if (s.claimed() < settings.claimSize() && !settings.linger().isZero()) {
          // Light load: let changes gather (new arrivals do not cut this short), so the next
          // batch fills a request instead of spending one per change.
          Thread.sleep(settings.linger().toMillis());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.warn("worker pass failed, backing off {} ms: {}", outage.toMillis(), e.toString());
        try {
          signal.await(Long.MIN_VALUE, outage);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
        outage =
            outage.multipliedBy(2).compareTo(MAX_OUTAGE_BACKOFF) > 0
                ? MAX_OUTAGE_BACKOFF
                : outage.multipliedBy(2);
      }
    }
  }

  /**
   * Waits (in turn with the other workers) until a write could start, so that everything queued by
   * then goes in one request; then claims and processes. A new change does not cut the wait short
   * (it joins the next request either way); a pull to run and stopping do.
   */
  private RunSummary pacedBatch() throws InterruptedException {
    claimTurn.acquire();
    java.util.concurrent.atomic.AtomicBoolean turn =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    Runnable handOn =
        () -> {
          if (turn.compareAndSet(true, false)) {
            claimTurn.release();
          }
        };
    try {
      long urgent = signal.urgentGeneration();
      Duration wait = processor.untilNextWrite();
      if (!wait.isZero() && running) {
        // A pull queued meanwhile needs no write slot: its signal ends the wait at once. The cap
        // bounds the wait for one queued by another instance (its NOTIFY is not urgent).
        Duration capped = wait.compareTo(MAX_PACING_WAIT) > 0 ? MAX_PACING_WAIT : wait;
        signal.awaitUrgent(urgent, capped);
      }
      if (!running) {
        return RunSummary.EMPTY;
      }
      return runBatch(handOn);
    } finally {
      handOn.run();
    }
  }

  /** Claims and processes one batch on the calling thread. */
  public RunSummary runBatch() {
    return runBatch(() -> {});
  }

  /** Batches on the calling thread until nothing is due or {@code maxBatches} were processed. */
  public RunSummary runOnce(int maxBatches) {
    RunSummary total = RunSummary.EMPTY;
    for (int i = 0; i < maxBatches; i++) {
      RunSummary s = runBatch();
      total = total.plus(s);
      if (s.claimed() == 0) {
        break;
      }
    }
    return total;
  }

  private RunSummary runBatch(Runnable dispatched) {
    List<Job> batch = jobs.claim(owner, settings.claimSize(), settings.lease());
    if (batch.isEmpty()) {
      return RunSummary.EMPTY;
    }
    Outcomes.safe(() -> listener.claimed(batch.size()));
    List<Long> ids = batch.stream().map(Job::id).toList();
    inFlight.addAll(ids);
    try {
      return processor.process(owner, batch, dispatched);
    } catch (RuntimeException e) {
      // Whatever was not recorded goes back at once; recorded jobs are no longer held, so
      // releasing them is a no-op.
      safeRelease(ids);
      throw e;
    } finally {
      ids.forEach(inFlight::remove);
    }
  }

  private void safeRelease(List<Long> ids) {
    try {
      jobs.release(owner, ids);
    } catch (RuntimeException e) {
      log.warn(
          "could not release {} jobs (their leases will expire): {}", ids.size(), e.toString());
    }
  }

  /** Stops taking work, lets batches finish within the timeout, then gives back what is left. */
  public void stop() {
    synchronized (this) {
      if (!running) {
        return;
      }
      running = false;
    }
    signal.signal();
    long deadline = System.nanoTime() + settings.shutdownTimeout().toNanos();
    for (Thread t : threads) {
      long left = deadline - System.nanoTime();
      try {
        t.join(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    for (Thread t : threads) {
      if (t.isAlive()) {
        t.interrupt();
      }
    }
    if (!inFlight.isEmpty()) {
      safeRelease(List.copyOf(inFlight));
    }
    threads.clear();
    renewer.shutdownNow();
  }

  public boolean running() {
    return running;
  }

  /** A lease owner name unique to this engine instance: pid@host plus a random suffix. */
  public static String defaultOwner() {
    String jvm = java.lang.management.ManagementFactory.getRuntimeMXBean().getName();
    return jvm + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
  }
}
