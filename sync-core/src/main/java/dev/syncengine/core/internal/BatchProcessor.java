package dev.syncengine.core.internal;

import dev.syncengine.core.RunSummary;
import dev.syncengine.core.SyncListener;
import dev.syncengine.core.model.ChangeKind;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Job;
import dev.syncengine.core.model.RetrySettings;
import dev.syncengine.core.spi.ErrorCodes;
import dev.syncengine.core.spi.Stores;
import dev.syncengine.core.spi.SyncError;
import dev.syncengine.core.spi.SyncException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Carries one claimed batch through pull, fetch, map, write and record. Stateless between batches
 * apart from pacing hints, and thread-safe: several workers share one instance.
 *
 * <p>Pacing: {@link #untilNextWrite()} tells workers how long until the next write of a recently
 * active connection could start, so they claim when a request slot opens and each request carries
 * everything queued by then. Pull jobs never wait for a write slot: they run on their own threads
 * beside the batch's writes.
 */
public final class BatchProcessor {
  private static final Logger log = LoggerFactory.getLogger(BatchProcessor.class);

  /** How long a paused connection's jobs wait before being looked at again. */
  static final Duration PAUSE_RECHECK = Duration.ofSeconds(30);

  /** A connection with no changes for this long no longer paces the workers. */
  static final long ACTIVE_NANOS = Duration.ofSeconds(10).toNanos();

  private volatile Consumer<Collection<Long>> recording = ids -> {};
  private final Stores stores;
  private final ConnectionRuntime runtime;
  private final SyncListener listener;
  private final Clock clock;
  private final PullStep pullStep;
  private final Problems problems;
  private final ChangeWriter writer;
  private final Map<String, Long> lastActive = new ConcurrentHashMap<>();
  private final AtomicLong holdUntil = new AtomicLong(System.nanoTime());
  private final ExecutorService pullThreads;

  public BatchProcessor(
      Stores stores,
      ConnectionRuntime runtime,
      SyncListener listener,
      Clock clock,
      Problems problems,
      Runnable changesQueued) {
    this.problems = problems;
    this.stores = stores;
    this.runtime = runtime;
    this.listener = listener;
    this.clock = clock;
    this.pullStep = new PullStep(stores, clock, changesQueued);
    this.writer = new ChangeWriter(stores, runtime, listener, clock, problems);
    AtomicInteger n = new AtomicInteger();
    this.pullThreads =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "sync-pull-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Runs {@code hook} with the ids of jobs whose outcome is about to be recorded (completed, failed
   * or retried), so a lease renewer stops counting them as held. One hook; the last wins.
   */
  public void onRecording(Consumer<Collection<Long>> hook) {
    this.recording = hook;
  }

  /**
   * Processes jobs claimed by {@code owner}; every job ends completed, failed, deferred or given
   * back.
   */
  public RunSummary process(String owner, List<Job> claimed) {
    return process(owner, claimed, () -> {});
  }

  /**
   * Like {@link #process(String, List)}, running {@code dispatched} before the batch's first write
   * is sent (at most once; possibly never). A worker pool uses it to let the next claim wait for
   * the request slot after this one.
   */
  public RunSummary process(String owner, List<Job> claimed, Runnable dispatched) {
    Map<String, List<Job>> byConnection = new LinkedHashMap<>();
    for (Job j : claimed) {
      byConnection.computeIfAbsent(j.connectionId(), k -> new ArrayList<>()).add(j);
    }
    RunSummary total = RunSummary.EMPTY;
    for (Map.Entry<String, List<Job>> e : byConnection.entrySet()) {
      MDC.put("connectionId", e.getKey());
      try {
        total = total.plus(processConnection(owner, e.getKey(), e.getValue(), dispatched));
      } finally {
        MDC.remove("connectionId");
      }
    }
    return total;
  }

  /**
   * How long until a write of any connection that had changes in the last few seconds could start
   * (the soonest of them): zero while a request slot is free or nothing was written lately.
   */
  public Duration untilNextWrite() {
    long now = System.nanoTime();
    long soonest = Long.MAX_VALUE;
    for (Iterator<Map.Entry<String, Long>> it = lastActive.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Long> e = it.next();
      if (now - e.getValue() > ACTIVE_NANOS) {
        it.remove();
        continue;
      }
      soonest = Math.min(soonest, waitOf(e.getKey()));
    }
    long wait = soonest == Long.MAX_VALUE ? 0 : soonest;
    return Duration.ofNanos(Math.max(wait, holdUntil.get() - now));
  }

  private long waitOf(String connectionId) {
    try {
      Optional<ConnectionConfig> c = runtime.connection(connectionId);
      if (c.isEmpty() || c.get().paused()) {
        return Long.MAX_VALUE;
      }
      Duration d = runtime.sinkSession(c.get()).untilNextWrite();
      return d == null || d.isNegative() ? 0 : d.toNanos();
    } catch (RuntimeException e) {
      return 0; // the write itself reports what is wrong
    }
  }

  /** No claim before {@code wait} from now: work just given back cannot be written sooner. */
  private void hold(Duration wait) {
    long until = System.nanoTime() + wait.toNanos();
    holdUntil.accumulateAndGet(until, (a, b) -> b - a > 0 ? b : a);
  }

  private RunSummary processConnection(
      String owner, String connectionId, List<Job> jobs, Runnable dispatched) {
    Outcomes out = outcomes(owner);
    Optional<ConnectionConfig> found = runtime.connection(connectionId);
    if (found.isEmpty()) {
      SyncError gone =
          SyncError.permanent(ErrorCodes.CONNECTION_MISSING, "connection was deleted", null);
      for (Job j : jobs) {
        out.failure(j, null, "map", gone, RetrySettings.ofDefaults());
      }
      out.flush();
      return summary(jobs.size(), out, null);
    }
    ConnectionConfig c = found.get();
    if (c.paused()) {
      stores.jobs().defer(owner, jobs, clock.instant().plus(PAUSE_RECHECK));
      return new RunSummary(jobs.size(), 0, 0, 0, 0, 0);
    }
    List<Job> pulls = jobs.stream().filter(j -> j.kind() == ChangeKind.PULL).toList();
    List<Job> changes = jobs.stream().filter(j -> j.kind() != ChangeKind.PULL).toList();
    Outcomes pulled = pulls.isEmpty() ? null : outcomes(owner);
    CompletableFuture<Void> pulling =
        pulls.isEmpty()
            ? CompletableFuture.completedFuture(null)
            : CompletableFuture.runAsync(() -> runPulls(c, pulls, pulled), pullThreads);
    try {
      if (!changes.isEmpty()) {
        lastActive.put(c.id(), System.nanoTime());
        Duration held = writer.write(new ChangeWriter.Batch(c, owner, out, dispatched), changes);
        if (!held.isZero()) {
          hold(held);
        }
      }
      out.flush();
    } finally {
      // This batch writes nothing more: the next worker may claim while the pull finishes.
      dispatched.run();
      await(pulling);
    }
    return summary(jobs.size(), out, pulled);
  }

  private Outcomes outcomes(String owner) {
    return new Outcomes(
        stores.jobs(), stores.eventLog(), listener, clock, owner, problems, recording);
  }

  private void runPulls(ConnectionConfig c, List<Job> pulls, Outcomes out) {
    MDC.put("connectionId", c.id());
    try {
      for (Job p : pulls) {
        pull(c, p, out);
      }
      out.flush();
    } finally {
      MDC.remove("connectionId");
    }
  }

  /** Waits for the batch's pulls; a failure to record them is the batch's failure. */
  private static void await(CompletableFuture<Void> pulling) {
    try {
      pulling.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  private void pull(ConnectionConfig c, Job job, Outcomes out) {
    try {
      out.pullDone(job, pullStep.run(c, runtime.sourceSession(c), job));
      problems.upstreamOk(c.id());
    } catch (SyncException e) {
      upstream(problems, c, "pull", e.error(), job);
      out.failure(job, null, "pull", e.error(), c.retry());
    } catch (RuntimeException e) {
      SyncError err = unexpected(e);
      upstream(problems, c, "pull", err, job);
      out.failure(job, null, "pull", err, c.retry());
    }
  }

  private static RunSummary summary(int claimed, Outcomes o, Outcomes pulls) {
    RunSummary s = new RunSummary(claimed, o.written, o.skipped, o.retried, o.dead, o.pulled);
    if (pulls == null) {
      return s;
    }
    return s.plus(new RunSummary(0, 0, 0, pulls.retried, pulls.dead, pulls.pulled));
  }

  static void upstream(
      Problems problems, ConnectionConfig c, String operation, SyncError e, Job job) {
    problems.upstream(
        c,
        operation,
        e.code(),
        e.message(),
        job == null ? null : job.id(),
        job == null ? null : job.recordId());
  }

  static SyncError unexpected(RuntimeException e) {
    log.warn("unexpected failure", e);
    String type = e.getClass().getSimpleName();
    return SyncError.retryable(
        ErrorCodes.INTERNAL_ERROR, type + (e.getMessage() == null ? "" : ": " + e.getMessage()));
  }
}
