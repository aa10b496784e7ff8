package dev.syncengine.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncengine.core.memory.InMemoryJobStore;
import dev.syncengine.core.model.ChangeEvent;
import dev.syncengine.core.model.ChangeKind;
import dev.syncengine.core.model.Job;
import dev.syncengine.testing.TestClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class CoalescingPropertiesTest {

  @Property
  void theQueuedVersionIsTheNewestWhateverTheArrivalOrder(
      @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 0, max = 1_000_000) Integer> versions,
      @ForAll long seed) {
    InMemoryJobStore store = new InMemoryJobStore(Clock.systemUTC());
    List<ChangeEvent> events = new ArrayList<>();
    for (int i = 0; i < versions.size(); i++) {
      int v = versions.get(i);
      events.add(
          new ChangeEvent(
              "c",
              "rec",
              v % 5 == 0 ? ChangeKind.DELETE : ChangeKind.UPSERT,
              Instant.ofEpochMilli(v),
              null,
              "k" + i,
              Instant.now()));
    }
    Collections.shuffle(events, new Random(seed));
    events.forEach(e -> store.enqueue(List.of(e)));

    Job j = store.findByRecord("c", "rec").orElseThrow();
    int max = Collections.max(versions);
    assertThat(j.sourceVersion()).isEqualTo(Instant.ofEpochMilli(max));
    assertThat(store.counts(null).values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1);
  }

  @Property
  void claimingInterleavedWithArrivalsNeverLosesTheNewestVersion(
      @ForAll @Size(min = 1, max = 30) List<@IntRange(min = 0, max = 1000) Integer> versions,
      @ForAll @IntRange(min = 1, max = 5) int claimEvery) {
    TestClock clock = TestClock.at(Instant.parse("2026-01-01T00:00:00Z"));
    InMemoryJobStore store = new InMemoryJobStore(clock);
    Instant written = Instant.MIN;
    for (int i = 0; i < versions.size(); i++) {
      store.enqueue(
          List.of(
              new ChangeEvent(
                  "c",
                  "rec",
                  ChangeKind.UPSERT,
                  Instant.ofEpochMilli(versions.get(i)),
                  null,
                  null,
                  clock.instant())));
      if (i % claimEvery == 0) {
        for (Job j : store.claim("w", 10, Duration.ofMinutes(1))) {
          if (j.sourceVersion().isAfter(written)) {
            written = j.sourceVersion();
          }
          store.complete("w", List.of(j));
        }
      }
    }
    for (List<Job> batch = store.claim("w", 10, Duration.ofMinutes(1));
        !batch.isEmpty();
        batch = store.claim("w", 10, Duration.ofMinutes(1))) {
      for (Job j : batch) {
        if (j.sourceVersion().isAfter(written)) {
          written = j.sourceVersion();
        }
        store.complete("w", List.of(j));
      }
    }
    assertThat(written).isEqualTo(Instant.ofEpochMilli(Collections.max(versions)));
  }
}
