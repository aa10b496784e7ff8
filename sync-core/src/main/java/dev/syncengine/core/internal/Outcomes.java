package dev.syncengine.core.internal;

import dev.syncengine.core.SyncListener;
import dev.syncengine.core.model.Job;
import dev.syncengine.core.model.LogEntry;
import dev.syncengine.core.model.LogStatus;
import dev.syncengine.core.model.RetrySettings;
import dev.syncengine.core.spi.EventLogStore;
import dev.syncengine.core.spi.JobStore;
import dev.syncengine.core.spi.SyncError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects the outcomes of one batch and records them: jobs completed together, failures sent back
 * with backoff or to dead letter, one log entry each. Not thread-safe: one per batch.
 */
final class Outcomes {
  private static final Logger log = LoggerFactory.getLogger(Outcomes.class);

  private final Consumer<Collection<Long>> recording;
  private final JobStore jobs;
  private final EventLogStore eventLog;
  private final SyncListener listener;
  private final Clock clock;
  private final String owner;
  private final Problems problems;
  private final Instant started;
  private final List<Job> completed = new ArrayList<>();
  private final List<LogEntry> entries = new ArrayList<>();
  int written;
  int skipped;
  int retried;
  int dead;
  int pulled;

  Outcomes(
      JobStore jobs,
      EventLogStore eventLog,
      SyncListener listener,
      Clock clock,
      String owner,
      Problems problems,
      Consumer<Collection<Long>> recording) {
    this.problems = problems;
    this.recording = recording;
    this.jobs = jobs;
    this.eventLog = eventLog;
    this.listener = listener;
    this.clock = clock;
    this.owner = owner;
    this.started = clock.instant();
  }

  private LogEntry entry(
      Job j, String itemId, String action, LogStatus status, SyncError error, Object detail) {
    Instant now = clock.instant();
    return new LogEntry(
        0,
        j.connectionId(),
        j.id(),
        j.recordId(),
        itemId,
        action,
        status,
        j.attempts() + 1,
        error == null ? null : error.code(),
        error == null ? null : error.message(),
        Duration.between(started, now).toMillis(),
        Math.max(0, Duration.between(j.enqueuedAt(), now).toMillis()),
        now,
        detail instanceof com.fasterxml.jackson.databind.JsonNode n ? n : null);
  }

  void success(Job j, String itemId, String action, Object detail) {
    success(j, itemId, action, detail, null);
  }

  /** A success; {@code warning} (or null) is the entry's message: what was left out, and why. */
  void success(Job j, String itemId, String action, Object detail, String warning) {
    completed.add(j);
    LogEntry e = entry(j, itemId, action, LogStatus.SUCCESS, null, detail);
    entries.add(warning == null ? e : e.withMessage(warning));
    written++;
  }

  void skip(Job j, String itemId, String reason) {
    completed.add(j);
    entries.add(entry(j, itemId, "skip", LogStatus.SKIPPED, null, null).withMessage(reason));
    skipped++;
  }

  /** A pull finished; not logged per change, the changes it found are. */
  void pullDone(Job j, int found) {
    completed.add(j);
    pulled += found;
  }

  void failure(Job j, String itemId, String action, SyncError error, RetrySettings retry) {
    int attempt = j.attempts() + 1;
    boolean retryable = error.retryable() && attempt < retry.maxAttempts();
    Instant retryAt = null;
    if (retryable) {
      Duration d = Backoff.delay(retry, attempt, error.retryAfter());
      retryAt = clock.instant().plus(d);
      retried++;
      safe(() -> listener.retried(j.connectionId(), error.code()));
    } else {
      dead++;
      safe(() -> listener.dead(j.connectionId(), error.code()));
      problems.dead(j.connectionId(), j.id(), j.recordId(), action, error.code(), error.message());
    }
    String reason = error.code() + ": " + error.message();
    recording.accept(List.of(j.id()));
    jobs.fail(owner, j, reason, retryAt);
    entries.add(
        entry(
            j,
            itemId,
            action,
            retryable ? LogStatus.RETRY : LogStatus.DEAD,
            error,
            error.detail()));
    log.debug(
        "job {} record {} {}: {}", j.id(), j.recordId(), retryable ? "retry" : "dead", reason);
  }

  /** Writes what was collected: completions in one call, then the log. */
  /** Jobs about to be given back to the queue (released or deferred): no longer ours to renew. */
  void givingBack(Collection<Long> ids) {
    recording.accept(ids);
  }

  void flush() {
    if (!completed.isEmpty()) {
      recording.accept(completed.stream().map(Job::id).toList());
      jobs.complete(owner, completed);
      completed.clear();
    }
    if (!entries.isEmpty()) {
      try {
        eventLog.append(entries);
      } catch (RuntimeException e) {
        // The log is for people; losing a few lines must not redo written work.
        log.warn("could not append {} sync log entries: {}", entries.size(), e.toString());
      }
      entries.clear();
    }
  }

  static void safe(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      log.warn("sync listener failed: {}", e.toString());
    }
  }
}
