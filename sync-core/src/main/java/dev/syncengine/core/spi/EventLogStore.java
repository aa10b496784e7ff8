package dev.syncengine.core.spi;

import dev.syncengine.core.model.LogEntry;
import dev.syncengine.core.model.LogStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The sync log and the queries the dashboard needs. Thread-safe. */
public interface EventLogStore {
  void append(List<LogEntry> entries);

  /** Entries matching the query, newest first. */
  List<LogEntry> query(LogQuery query);

  /** How many entries match the query, ignoring its offset and limit. */
  long count(LogQuery query);

  Optional<LogEntry> find(long id);

  /**
   * Counts per status per time bucket in {@code [from, to)}; buckets start at {@code from} and are
   * {@code bucket} long. {@code connectionId} null for all.
   */
  List<Bucket> volume(String connectionId, Instant from, Instant to, Duration bucket);

  /** Latency percentiles (ingress → outcome) of successful writes in {@code [from, to)}. */
  Latency latency(String connectionId, Instant from, Instant to);

  /** The most frequent error codes/messages of failures in {@code [from, to)}. */
  List<ErrorCount> topErrors(String connectionId, Instant from, Instant to, int limit);

  /** Deletes entries before {@code before}. */
  int purge(Instant before);

  /**
   * One time bucket.
   *
   * @param start bucket start
   * @param counts entries per status
   */
  record Bucket(Instant start, Map<LogStatus, Long> counts) {}

  /**
   * Latency percentiles in milliseconds; zeros when {@code count} is 0.
   *
   * @param count how many writes were measured
   */
  record Latency(long count, long p50, long p95, long p99) {}

  /**
   * An error and how often it happened.
   *
   * @param errorCode short code
   * @param message an example message
   * @param count occurrences
   */
  record ErrorCount(String errorCode, String message, long count) {}
}
