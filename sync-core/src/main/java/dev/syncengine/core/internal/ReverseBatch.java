package dev.syncengine.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncengine.core.model.LogEntry;
import dev.syncengine.core.model.LogStatus;
import dev.syncengine.core.model.RetrySettings;
import dev.syncengine.core.model.StoredTargetChange;
import dev.syncengine.core.spi.Stores;
import dev.syncengine.core.spi.SyncError;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The outcomes of one connection's claimed target changes, with their sync log entries: rows done
 * are completed together at {@link #flush}; retries, holds and deferrals are recorded at once. Not
 * thread-safe: one per batch.
 */
final class ReverseBatch {
  private final Stores stores;
  private final ReverseLog log;
  private final Clock clock;
  private final String owner;
  private final Instant started;
  private final List<Long> done = new ArrayList<>();
  private final List<LogEntry> entries = new ArrayList<>();

  ReverseBatch(Stores stores, ReverseLog log, Clock clock, String owner) {
    this.stores = stores;
    this.log = log;
    this.clock = clock;
    this.owner = owner;
    this.started = clock.instant();
  }

  /** Done: something was written (or decided) at the source. */
  void success(StoredTargetChange r, String recordId, String action, String msg, JsonNode detail) {
    entries.add(log.entry(r, recordId, action, LogStatus.SUCCESS, null, msg, detail, started));
    done.add(r.id());
  }

  /** A sync log line that is not the row's outcome (a conflict the policy decided). */
  void note(StoredTargetChange r, String recordId, String action, String msg, JsonNode detail) {
    entries.add(log.entry(r, recordId, action, LogStatus.SUCCESS, null, msg, detail, started));
  }

  /** Done: nothing to write. */
  void skip(StoredTargetChange r, String recordId, String reason) {
    entries.add(log.entry(r, recordId, "skip", LogStatus.SKIPPED, null, reason, null, started));
    done.add(r.id());
  }

  /** Waits for a person's decision. */
  void hold(StoredTargetChange r, String recordId, String reason) {
    stores.targetChanges().hold(owner, r.id(), reason);
    entries.add(log.entry(r, recordId, "delete", LogStatus.SKIPPED, null, reason, null, started));
  }

  void defer(List<StoredTargetChange> rows, Instant at) {
    stores.targetChanges().defer(owner, rows.stream().map(StoredTargetChange::id).toList(), at);
  }

  /**
   * Failed: retried with backoff while attempts are left and the error is retryable, else dead.
   *
   * @param retry null: dead at once
   */
  void fail(
      StoredTargetChange r, String recordId, String action, SyncError e, RetrySettings retry) {
    int attempt = r.attempts() + 1;
    boolean again = retry != null && e.retryable() && attempt < retry.maxAttempts();
    Instant at = again ? clock.instant().plus(Backoff.delay(retry, attempt, e.retryAfter())) : null;
    stores.targetChanges().fail(owner, r.id(), e.code() + ": " + e.message(), at);
    LogStatus status = again ? LogStatus.RETRY : LogStatus.DEAD;
    entries.add(log.entry(r, recordId, action, status, e.code(), e.message(), null, started));
  }

  /** When the batch started: the time id map rows it writes carry. */
  Instant now() {
    return started;
  }

  /** Completes the rows done and writes the log entries. */
  void flush() {
    if (!done.isEmpty()) {
      stores.targetChanges().complete(owner, List.copyOf(done));
      done.clear();
    }
    log.append(List.copyOf(entries));
    entries.clear();
  }
}
