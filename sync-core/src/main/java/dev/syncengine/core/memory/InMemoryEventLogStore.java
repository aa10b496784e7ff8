package dev.syncengine.core.memory;

import dev.syncengine.core.model.LogEntry;
import dev.syncengine.core.model.LogStatus;
import dev.syncengine.core.spi.EventLogStore;
import dev.syncengine.core.spi.LogQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An {@link EventLogStore} in memory, bounded to the newest {@code capacity} entries. Thread-safe.
 */
public final class InMemoryEventLogStore implements EventLogStore {
  public static final int DEFAULT_CAPACITY = 100_000;

  private final int capacity;
  private final java.util.ArrayDeque<LogEntry> entries = new java.util.ArrayDeque<>();
  private long nextId = 1;

  public InMemoryEventLogStore() {
    this(DEFAULT_CAPACITY);
  }

  public InMemoryEventLogStore(int capacity) {
    this.capacity = capacity;
  }

  @Override
  public synchronized void append(List<LogEntry> batch) {
    for (LogEntry e : batch) {
      entries.addLast(
          new LogEntry(
              nextId++,
              e.connectionId(),
              e.jobId(),
              e.recordId(),
              e.itemId(),
              e.action(),
              e.status(),
              e.attempt(),
              e.errorCode(),
              e.message(),
              e.durationMs(),
              e.latencyMs(),
              e.at(),
              e.detail()));
      if (entries.size() > capacity) {
        entries.removeFirst();
      }
    }
  }

  private Stream<LogEntry> matching(LogQuery q) {
    List<LogEntry> newestFirst = new ArrayList<>(entries);
    java.util.Collections.reverse(newestFirst);
    return newestFirst.stream()
        .filter(e -> q.connectionId() == null || e.connectionId().equals(q.connectionId()))
        .filter(e -> q.statuses().isEmpty() || q.statuses().contains(e.status()))
        .filter(e -> q.recordId() == null || q.recordId().equals(e.recordId()))
        .filter(e -> q.action() == null || q.action().equals(e.action()))
        .filter(e -> q.from() == null || !e.at().isBefore(q.from()))
        .filter(e -> q.to() == null || e.at().isBefore(q.to()));
  }

  @Override
  public synchronized List<LogEntry> query(LogQuery q) {
    return matching(q).skip(q.offset()).limit(q.limit()).toList();
  }

  @Override
  public synchronized long count(LogQuery q) {
    return matching(q).count();
  }

  @Override
  public synchronized Optional<LogEntry> find(long id) {
    return entries.stream().filter(e -> e.id() == id).findFirst();
  }

  private Stream<LogEntry> window(String connectionId, Instant from, Instant to) {
    return entries.stream()
        .filter(e -> connectionId == null || e.connectionId().equals(connectionId))
        .filter(e -> !e.at().isBefore(from) && e.at().isBefore(to));
  }

  @Override
  public synchronized List<Bucket> volume(
      String connectionId, Instant from, Instant to, Duration bucket) {
    long size = bucket.toMillis();
    if (size <= 0) {
      throw new IllegalArgumentException("bucket must be positive");
    }
    Map<Long, Map<LogStatus, Long>> buckets = new LinkedHashMap<>();
    for (long t = from.toEpochMilli(); t < to.toEpochMilli(); t += size) {
      Map<LogStatus, Long> counts = new EnumMap<>(LogStatus.class);
      for (LogStatus s : LogStatus.values()) {
        counts.put(s, 0L);
      }
      buckets.put(t, counts);
    }
    window(connectionId, from, to)
        .forEach(
            e -> {
              long start =
                  from.toEpochMilli() + (e.at().toEpochMilli() - from.toEpochMilli()) / size * size;
              buckets.get(start).merge(e.status(), 1L, Long::sum);
            });
    List<Bucket> result = new ArrayList<>();
    buckets.forEach((start, counts) -> result.add(new Bucket(Instant.ofEpochMilli(start), counts)));
    return result;
  }

  @Override
  public synchronized Latency latency(String connectionId, Instant from, Instant to) {
    long[] values =
        window(connectionId, from, to)
            .filter(e -> e.status() == LogStatus.SUCCESS)
            .mapToLong(LogEntry::latencyMs)
            .sorted()
            .toArray();
    return Percentiles.of(values);
  }

  @Override
  public synchronized List<ErrorCount> topErrors(
      String connectionId, Instant from, Instant to, int limit) {
    Map<String, long[]> counts = new LinkedHashMap<>();
    Map<String, String> examples = new LinkedHashMap<>();
    window(connectionId, from, to)
        .filter(e -> e.status() == LogStatus.RETRY || e.status() == LogStatus.DEAD)
        .forEach(
            e -> {
              String code = e.errorCode() == null ? "error" : e.errorCode();
              counts.computeIfAbsent(code, k -> new long[1])[0]++;
              examples.putIfAbsent(code, e.message());
            });
    return counts.entrySet().stream()
        .sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
        .limit(limit)
        .map(en -> new ErrorCount(en.getKey(), examples.get(en.getKey()), en.getValue()[0]))
        .toList();
  }

  @Override
  public synchronized int purge(Instant before) {
    int removed = 0;
    var it = entries.iterator();
    while (it.hasNext()) {
      if (it.next().at().isBefore(before)) {
        it.remove();
        removed++;
      }
    }
    return removed;
  }
}
