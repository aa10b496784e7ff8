package dev.syncengine.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.model.JobState;
import dev.syncengine.testing.Await;
import dev.syncengine.testing.FakeSource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EngineEndToEndTest {

  /** 1,000 changes over 200 records with duplicates, out-of-order versions and deletes. */
  private record Scenario(List<ObjectNode> deliveries, Map<String, ObjectNode> newest) {}

  private static Scenario scenario(long seed) {
    Random rnd = new Random(seed);
    List<ObjectNode> events = new ArrayList<>();
    Map<String, ObjectNode> newest = new HashMap<>();
    for (int i = 0; i < 1000; i++) {
      String record = "rec" + rnd.nextInt(200);
      long version = 1_000_000L + i * 7L; // distinct versions; delivery order is shuffled below
      String kind = rnd.nextInt(10) == 0 ? "DELETE" : "UPSERT";
      ObjectNode e = EngineFixture.event("evt" + i, record, kind, version, "Name " + i);
      events.add(e);
      ObjectNode cur = newest.get(record);
      if (cur == null || cur.get("version").asLong() < version) {
        newest.put(record, e);
      }
    }
    // Duplicates: 15% of events delivered a second time with the same id.
    List<ObjectNode> deliveries = new ArrayList<>(events);
    for (int i = 0; i < 150; i++) {
      deliveries.add(events.get(rnd.nextInt(events.size())).deepCopy());
    }
    Collections.shuffle(deliveries, rnd);
    return new Scenario(deliveries, newest);
  }

  private static void ingestAll(EngineFixture f, SyncEngine engine, List<ObjectNode> deliveries) {
    for (int i = 0; i < deliveries.size(); i += 10) {
      ArrayNode batch = FakeSource.JSON.createArrayNode();
      deliveries.subList(i, Math.min(deliveries.size(), i + 10)).forEach(batch::add);
      IngestResult r = engine.ingest(EngineFixture.CONNECTION, f.signed(batch));
      assertThat(r).isInstanceOf(IngestResult.Accepted.class);
    }
  }

  private static void assertFinalState(EngineFixture f, Map<String, ObjectNode> newest) {
    for (var e : newest.entrySet()) {
      ObjectNode item = f.sink.itemFor("r-" + e.getKey());
      if (e.getValue().get("kind").asText().equals("DELETE")) {
        assertThat(item).as("deleted record %s", e.getKey()).isNull();
      } else {
        assertThat(item).as("record %s", e.getKey()).isNotNull();
        assertThat(item.get("v").asLong()).isEqualTo(e.getValue().get("version").asLong());
      }
    }
    long live =
        newest.values().stream().filter(e -> e.get("kind").asText().equals("UPSERT")).count();
    assertThat(f.sink.items).hasSize((int) live);
  }

  @Test
  void carriesEveryRecordToItsNewestVersionWritingEachOnce() {
    EngineFixture f = new EngineFixture(Clock.systemUTC());
    SyncEngine engine = f.engine(EngineFixture.workers(1, Duration.ofMinutes(1)), "w1");
    Scenario s = scenario(42);

    ingestAll(f, engine, s.deliveries());
    RunSummary total = RunSummary.EMPTY;
    for (RunSummary r = engine.runOnce(); r.claimed() > 0; r = engine.runOnce()) {
      total = total.plus(r);
    }

    assertFinalState(f, s.newest());
    // Coalescing: one queued row per record, so every surviving record is written exactly once
    // and a record deleted before it was ever written costs no call at all.
    Map<String, Integer> writesPerRecord = new HashMap<>();
    for (String w : f.sink.writes) {
      writesPerRecord.merge(w.split("[:@]")[1], 1, Integer::sum);
    }
    assertThat(writesPerRecord.values()).allMatch(n -> n == 1);
    assertThat(f.sink.writes).noneMatch(w -> w.startsWith("delete:"));
    assertThat(total.claimed()).isEqualTo(s.newest().size());
    assertThat(f.stores.jobs().counts(null).get(JobState.DONE)).isEqualTo(s.newest().size());
  }

  @Test
  void reachesTheNewestStateWithConcurrentWorkersWhileChangesArrive() throws Exception {
    EngineFixture f = new EngineFixture(Clock.systemUTC());
    SyncEngine engine = f.engine(EngineFixture.workers(4, Duration.ofMinutes(1)), "w1");
    Scenario s = scenario(7);
    engine.start();
    try {
      ingestAll(f, engine, s.deliveries());
      Await.until(
          Duration.ofSeconds(30),
          () -> "no job pending or claimed, " + f.stores.jobs().counts(null),
          () -> {
            var counts = f.stores.jobs().counts(null);
            return counts.get(JobState.PENDING) == 0 && counts.get(JobState.CLAIMED) == 0;
          });
    } finally {
      engine.stop();
    }
    assertFinalState(f, s.newest());
    // Never a version written after a newer one for the same record.
    Map<String, Long> lastWritten = new HashMap<>();
    for (String w : f.sink.writes) {
      if (w.startsWith("upsert:")) {
        String record = w.substring(7, w.indexOf('@'));
        long v = Long.parseLong(w.substring(w.indexOf('@') + 1));
        Long prev = lastWritten.put(record, v);
        assertThat(prev == null || prev < v)
            .as("record %s wrote %d after %s", record, v, prev)
            .isTrue();
      }
    }
    assertThat(f.stores.jobs().counts(null).get(JobState.DEAD)).isZero();
  }
}
