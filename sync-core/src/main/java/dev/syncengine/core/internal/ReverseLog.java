package dev.syncengine.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncengine.core.model.LogEntry;
import dev.syncengine.core.model.LogStatus;
import dev.syncengine.core.model.StoredTargetChange;
import dev.syncengine.core.spi.EventLogStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sync log entries of the reverse path (target → source). They carry minus the target change's id
 * as their job id, so they never collide with a queue job's entries and a reverse event's entries
 * are found by it. Stateless apart from the store; thread-safe.
 */
final class ReverseLog {
  private static final Logger log = LoggerFactory.getLogger(ReverseLog.class);

  private final EventLogStore store;
  private final Clock clock;

  ReverseLog(EventLogStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** The job id reverse entries of a target change carry. */
  static long jobId(long changeId) {
    return -changeId;
  }

  LogEntry entry(
      StoredTargetChange row,
      String recordId,
      String action,
      LogStatus status,
      String errorCode,
      String message,
      JsonNode detail,
      Instant started) {
    Instant now = clock.instant();
    return new LogEntry(
        0,
        row.change().connectionId(),
        jobId(row.id()),
        recordId,
        row.change().itemId(),
        action,
        status,
        row.attempts() + 1,
        errorCode,
        message,
        Math.max(0, Duration.between(started, now).toMillis()),
        Math.max(0, Duration.between(row.change().receivedAt(), now).toMillis()),
        now,
        detail);
  }

  /** Appends entries; a log that cannot be written loses the entries, never the change. */
  void append(List<LogEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    try {
      store.append(entries);
    } catch (RuntimeException e) {
      log.warn("could not write {} reverse log entries: {}", entries.size(), e.toString());
    }
  }
}
