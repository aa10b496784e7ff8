package dev.syncengine.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.syncengine.core.model.LogEntry;
import dev.syncengine.core.model.LogStatus;
import dev.syncengine.core.spi.EventLogStore;
import dev.syncengine.core.spi.EventLogStore.Bucket;
import dev.syncengine.core.spi.EventLogStore.ErrorCount;
import dev.syncengine.core.spi.EventLogStore.Latency;
import dev.syncengine.core.spi.LogQuery;
import dev.syncengine.testing.TestClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link EventLogStore} must show. */
public abstract class EventLogStoreContract {
  protected static final Instant T0 = Instant.parse("2025-03-30T00:00:00Z");

  protected TestClock clock;
  protected EventLogStore store;

  /** Returns an empty store that reads time from {@code clock}. */
  protected abstract EventLogStore createStore(Clock clock);

  @BeforeEach
  void createStoreForTest() {
    clock = TestClock.at(T0);
    store = createStore(clock);
  }

  protected static LogEntry entry(
      String connectionId, String recordId, LogStatus status, Instant at, long latencyMs) {
    boolean failed = status == LogStatus.RETRY || status == LogStatus.DEAD;
    return new LogEntry(
        0,
        connectionId,
        7,
        recordId,
        "item-" + recordId,
        "update",
        status,
        1,
        failed ? "validation_error" : null,
        failed ? "name is required" : null,
        12,
        latencyMs,
        at,
        JsonNodeFactory.instance.objectNode().put("field", "name"));
  }

  private static LogQuery query(
      String connectionId, Set<LogStatus> statuses, String recordId, Instant from, Instant to) {
    return new LogQuery(connectionId, statuses, recordId, from, to, 0, 500);
  }

  @Test
  void appendsEntriesAndFindsThemByIdWithEveryField() {
    LogEntry e = entry("c1", "r1", LogStatus.DEAD, T0.plusMillis(1234), 56);

    store.append(List.of(e));

    LogEntry stored = store.query(LogQuery.all(10)).get(0);
    assertThat(stored.id()).isPositive();
    assertThat(stored).usingRecursiveComparison().ignoringFields("id").isEqualTo(e);
    assertThat(store.find(stored.id())).contains(stored);
    assertThat(store.find(stored.id() + 1000)).isEmpty();
  }

  @Test
  void queriesNewestFirstWithFilters() {
    store.append(
        List.of(
            entry("c1", "r1", LogStatus.SUCCESS, T0.plusSeconds(1), 10),
            entry("c1", "r2", LogStatus.RETRY, T0.plusSeconds(2), 10),
            entry("c2", "r1", LogStatus.SUCCESS, T0.plusSeconds(3), 10),
            entry("c1", "r1", LogStatus.DEAD, T0.plusSeconds(4), 10)));

    assertThat(store.query(LogQuery.all(10)))
        .extracting(LogEntry::at)
        .containsExactly(
            T0.plusSeconds(4), T0.plusSeconds(3), T0.plusSeconds(2), T0.plusSeconds(1));
    assertThat(store.query(query("c1", null, null, null, null))).hasSize(3);
    assertThat(store.query(query(null, Set.of(LogStatus.RETRY, LogStatus.DEAD), null, null, null)))
        .extracting(LogEntry::recordId)
        .containsExactly("r1", "r2");
    assertThat(store.query(query("c1", null, "r1", null, null))).hasSize(2);
    assertThat(store.query(query(null, null, null, T0.plusSeconds(2), T0.plusSeconds(4))))
        .extracting(LogEntry::at)
        .containsExactly(T0.plusSeconds(3), T0.plusSeconds(2));
    assertThat(store.count(query("c1", Set.of(LogStatus.SUCCESS), null, null, null))).isEqualTo(1);
  }

  @Test
  void filtersByAction() {
    store.append(
        List.of(
            withAction(entry("c1", "r1", LogStatus.SUCCESS, T0.plusSeconds(1), 10), "conflict"),
            entry("c1", "r2", LogStatus.SUCCESS, T0.plusSeconds(2), 10),
            withAction(entry("c2", "r3", LogStatus.SUCCESS, T0.plusSeconds(3), 10), "conflict"),
            withAction(entry("c1", "r4", LogStatus.DEAD, T0.plusSeconds(4), 10), "conflict"),
            withAction(entry("c1", "r5", LogStatus.SUCCESS, T0.plusSeconds(5), 10), null)));

    LogQuery conflicts = new LogQuery("c1", Set.of(), null, null, null, 0, 500, "conflict");
    assertThat(store.query(conflicts)).extracting(LogEntry::recordId).containsExactly("r4", "r1");
    assertThat(store.count(conflicts)).isEqualTo(2);
    assertThat(
            store.query(
                new LogQuery(
                    null, Set.of(LogStatus.SUCCESS), null, null, null, 0, 500, "conflict")))
        .extracting(LogEntry::recordId)
        .containsExactly("r3", "r1");
    assertThat(store.query(new LogQuery("c1", Set.of(), null, null, null, 0, 500, "update")))
        .extracting(LogEntry::recordId)
        .containsExactly("r2");
    assertThat(store.count(new LogQuery(null, Set.of(), null, null, null, 0, 500, "delete")))
        .isZero();
    assertThat(store.count(new LogQuery("c1", Set.of(), null, null, null, 0, 500, null)))
        .as("no action filter: every action, and entries without one")
        .isEqualTo(4);
  }

  private static LogEntry withAction(LogEntry e, String action) {
    return new LogEntry(
        e.id(),
        e.connectionId(),
        e.jobId(),
        e.recordId(),
        e.itemId(),
        action,
        e.status(),
        e.attempt(),
        e.errorCode(),
        e.message(),
        e.durationMs(),
        e.latencyMs(),
        e.at(),
        e.detail());
  }

  @Test
  void pagesWithOffsetAndLimitWhileCountIgnoresThem() {
    List<LogEntry> entries = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      entries.add(entry("c1", "r" + i, LogStatus.SUCCESS, T0.plusSeconds(i), 10));
    }
    store.append(entries);

    LogQuery page = new LogQuery("c1", Set.of(), null, null, null, 2, 3);

    assertThat(store.query(page)).extracting(LogEntry::recordId).containsExactly("r4", "r3", "r2");
    assertThat(store.count(page)).isEqualTo(7);
  }

  @Test
  void countsPerStatusPerBucket() {
    store.append(
        List.of(
            entry("c1", "a", LogStatus.SUCCESS, T0.plusSeconds(10), 10),
            entry("c1", "b", LogStatus.SUCCESS, T0.plusSeconds(3599), 10),
            entry("c1", "c", LogStatus.RETRY, T0.plusSeconds(3600), 10),
            entry("c2", "d", LogStatus.SUCCESS, T0.plusSeconds(3700), 10),
            entry("c1", "e", LogStatus.SUCCESS, T0.plusSeconds(3 * 3600), 10)));

    List<Bucket> all = store.volume(null, T0, T0.plusSeconds(3 * 3600), Duration.ofHours(1));
    List<Bucket> c1 = store.volume("c1", T0, T0.plusSeconds(3 * 3600), Duration.ofHours(1));

    assertThat(bucket(all, T0).counts().getOrDefault(LogStatus.SUCCESS, 0L)).isEqualTo(2);
    assertThat(bucket(all, T0.plusSeconds(3600)).counts().getOrDefault(LogStatus.SUCCESS, 0L))
        .isEqualTo(1);
    assertThat(bucket(all, T0.plusSeconds(3600)).counts().getOrDefault(LogStatus.RETRY, 0L))
        .isEqualTo(1);
    assertThat(bucket(c1, T0.plusSeconds(3600)).counts().getOrDefault(LogStatus.SUCCESS, 0L))
        .isZero();
    assertThat(all).allMatch(b -> b.start().isBefore(T0.plusSeconds(3 * 3600)));
    long total =
        all.stream().flatMap(b -> b.counts().values().stream()).mapToLong(Long::longValue).sum();
    assertThat(total).as("the entry at 'to' is outside").isEqualTo(4);
  }

  private static Bucket bucket(List<Bucket> buckets, Instant start) {
    return buckets.stream()
        .filter(b -> b.start().equals(start))
        .findFirst()
        .orElse(new Bucket(start, java.util.Map.of()));
  }

  @Test
  void computesLatencyPercentilesOfSuccessfulWrites() {
    List<LogEntry> entries = new ArrayList<>();
    for (int i = 0; i <= 100; i++) {
      entries.add(entry("c1", "r" + i, LogStatus.SUCCESS, T0.plusSeconds(i), i * 10L));
    }
    entries.add(entry("c1", "x", LogStatus.RETRY, T0.plusSeconds(5), 99_999));
    entries.add(entry("c2", "y", LogStatus.SUCCESS, T0.plusSeconds(5), 99_999));
    store.append(entries);

    Latency l = store.latency("c1", T0, T0.plusSeconds(1000));

    assertThat(l).isEqualTo(new Latency(101, 500, 950, 990));
    assertThat(store.latency("c3", T0, T0.plusSeconds(1000))).isEqualTo(new Latency(0, 0, 0, 0));
  }

  @Test
  void ranksTheMostFrequentErrors() {
    List<LogEntry> entries = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      entries.add(
          withError(entry("c1", "r" + i, LogStatus.RETRY, T0.plusSeconds(i), 1), "rate_limited"));
    }
    entries.add(
        withError(entry("c1", "d", LogStatus.DEAD, T0.plusSeconds(5), 1), "validation_error"));
    entries.add(entry("c1", "ok", LogStatus.SUCCESS, T0.plusSeconds(6), 1));
    store.append(entries);

    List<ErrorCount> top = store.topErrors("c1", T0, T0.plusSeconds(60), 5);

    assertThat(top)
        .extracting(ErrorCount::errorCode)
        .containsExactly("rate_limited", "validation_error");
    assertThat(top).extracting(ErrorCount::count).containsExactly(3L, 1L);
    assertThat(top.get(0).message()).isNotBlank();
    assertThat(store.topErrors("c1", T0, T0.plusSeconds(60), 1)).hasSize(1);
  }

  private static LogEntry withError(LogEntry e, String code) {
    return new LogEntry(
        e.id(),
        e.connectionId(),
        e.jobId(),
        e.recordId(),
        e.itemId(),
        e.action(),
        e.status(),
        e.attempt(),
        code,
        "failed: " + code,
        e.durationMs(),
        e.latencyMs(),
        e.at(),
        e.detail());
  }

  @Test
  void purgeDeletesEntriesBeforeTheCutoff() {
    store.append(
        List.of(
            entry("c1", "old", LogStatus.SUCCESS, T0, 1),
            entry("c1", "new", LogStatus.SUCCESS, T0.plusSeconds(3600), 1)));

    int purged = store.purge(T0.plusSeconds(60));

    assertThat(purged).isEqualTo(1);
    assertThat(store.query(LogQuery.all(10))).extracting(LogEntry::recordId).containsExactly("new");
  }
}
