package dev.syncengine.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.testing.Await;
import dev.syncengine.testing.FakeSource;
import dev.syncengine.testing.TestClock;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackfillTest {

  private static ObjectNode record(String name, long v) {
    ObjectNode r = FakeSource.JSON.createObjectNode();
    r.put("name", name);
    r.put("v", v);
    return r;
  }

  private static void drain(SyncEngine engine) {
    while (engine.runOnce().claimed() > 0) {
      // keep going
    }
  }

  @Test
  void backfillQueuesEveryRecordAndReportsProgress() throws Exception {
    EngineFixture f = new EngineFixture(Clock.systemUTC());
    for (int i = 0; i < 1234; i++) {
      f.source.records.put(String.format("r%05d", i), record("N" + i, 1000 + i));
    }
    SyncEngine engine = f.engine(EngineFixture.workers(1, Duration.ofMinutes(1)), "w");

    engine.admin().backfill(EngineFixture.CONNECTION);
    engine.admin().awaitBackfill(EngineFixture.CONNECTION);
    BackfillStatus s = engine.admin().backfillStatus(EngineFixture.CONNECTION).orElseThrow();
    drain(engine);

    assertThat(s.state()).isEqualTo(BackfillStatus.State.DONE);
    assertThat(s.done()).isEqualTo(1234);
    assertThat(s.total()).isEqualTo(1234);
    assertThat(f.sink.items).hasSize(1234);
  }

  @Test
  void reconcileFindsMissedChangesAndDeletions() throws Exception {
    EngineFixture f = new EngineFixture(Clock.systemUTC());
    for (int i = 0; i < 50; i++) {
      f.source.records.put("r" + i, record("N" + i, 1000));
    }
    SyncEngine engine = f.engine(EngineFixture.workers(1, Duration.ofMinutes(1)), "w");
    engine.admin().backfill(EngineFixture.CONNECTION);
    engine.admin().awaitBackfill(EngineFixture.CONNECTION);
    drain(engine);
    int callsAfterBackfill = f.sink.calls.get();

    // Changes no webhook told us about: one edit, one deletion.
    f.source.records.put("r7", record("Edited", 2000));
    f.source.records.remove("r9");
    engine.admin().reconcile(EngineFixture.CONNECTION);
    engine.admin().awaitBackfill(EngineFixture.CONNECTION);
    BackfillStatus s = engine.admin().backfillStatus(EngineFixture.CONNECTION).orElseThrow();
    drain(engine);

    assertThat(s.kind()).isEqualTo("reconcile");
    assertThat(s.deletions()).isEqualTo(1);
    assertThat(f.sink.itemFor("r-r7").get("name").asText()).isEqualTo("Edited");
    assertThat(f.sink.itemFor("r-r9")).isNull();
    assertThat(f.sink.items).hasSize(49);
    assertThat(f.sink.writes.subList(0, 0)).isEmpty();
    assertThat(f.sink.calls.get() - callsAfterBackfill).isLessThanOrEqualTo(2);
  }

  @Test
  void reconcileDeletesARecordWhoseSourceClockRunsAheadOfOurs() throws Exception {
    EngineFixture f = new EngineFixture(Clock.systemUTC());
    long tomorrow = System.currentTimeMillis() + 86_400_000L;
    f.source.records.put("ahead", record("From the future", tomorrow));
    SyncEngine engine = f.engine(EngineFixture.workers(1, Duration.ofMinutes(1)), "w");
    engine.admin().backfill(EngineFixture.CONNECTION);
    engine.admin().awaitBackfill(EngineFixture.CONNECTION);
    drain(engine);
    assertThat(f.sink.itemFor("r-ahead")).isNotNull();

    f.source.records.remove("ahead");
    engine.admin().reconcile(EngineFixture.CONNECTION);
    engine.admin().awaitBackfill(EngineFixture.CONNECTION);
    drain(engine);

    assertThat(f.sink.itemFor("r-ahead")).isNull();
  }

  /** Stands for a process killed while a backfill or reconcile was paging. */
  static final class Died extends Error {}

  private static EngineFixture interrupted(String kind, TestClock clock) throws Exception {
    EngineFixture f = new EngineFixture(clock);
    for (int i = 0; i < 1200; i++) {
      f.source.records.put(String.format("r%05d", i), record("N" + i, 1000 + i));
    }
    SyncEngine first = f.engine(EngineFixture.workers(1, Duration.ofMinutes(1)), "first");
    first.admin().backfill(EngineFixture.CONNECTION);
    first.admin().awaitBackfill(EngineFixture.CONNECTION);
    drain(first);
    assertThat(f.sink.items).hasSize(1200);
    java.util.concurrent.atomic.AtomicInteger pages =
        new java.util.concurrent.atomic.AtomicInteger();
    f.source.beforeList =
        () -> {
          if (pages.incrementAndGet() == 2) {
            throw new Died();
          }
        };
    if (kind.equals("reconcile")) {
      first.admin().reconcile(EngineFixture.CONNECTION);
    } else {
      first.admin().backfill(EngineFixture.CONNECTION);
    }
    try {
      first.admin().awaitBackfill(EngineFixture.CONNECTION);
    } catch (java.util.concurrent.ExecutionException expected) {
      // the run died after its first page
    }
    f.source.beforeList = () -> {};
    assertThat(first.admin().backfillStatus(EngineFixture.CONNECTION).orElseThrow().state())
        .isEqualTo(BackfillStatus.State.RUNNING);
    return f;
  }

  @Test
  void aReconcileInterruptedAfterItsFirstPageStartsOverAndDeletesNothingThatExists()
      throws Exception {
    TestClock clock = TestClock.at(java.time.Instant.now());
    EngineFixture f = interrupted("reconcile", clock);
    SyncEngine next = f.engine(EngineFixture.workers(1, Duration.ofMinutes(1)), "next");
    next.admin().reconcile(EngineFixture.CONNECTION);
    next.admin().awaitBackfill(EngineFixture.CONNECTION);
    drain(next);
    BackfillStatus s = next.admin().backfillStatus(EngineFixture.CONNECTION).orElseThrow();
    assertThat(s.state()).isEqualTo(BackfillStatus.State.DONE);
    assertThat(s.deletions()).isZero();
    assertThat(f.sink.items).hasSize(1200);
  }

  @Test
  void aRunningEngineResumesABackfillWhoseRunnerDied() throws Exception {
    TestClock clock = TestClock.at(java.time.Instant.now());
    EngineFixture f = interrupted("backfill", clock);
    f.source.records.put("r99999", record("Added while down", 5000));
    SyncEngine next = f.engine(EngineFixture.workers(1, Duration.ofMinutes(1)), "next");
    clock.advance(SyncEngine.STALE_BACKFILL.plusSeconds(1));
    next.start();
    try {
      Await.until(
          Duration.ofSeconds(20),
          () -> "the record added while down written by the resumed backfill",
          () -> f.sink.itemFor("r-r99999") != null);
    } finally {
      next.close();
    }
    assertThat(f.sink.itemFor("r-r99999")).isNotNull();
    assertThat(f.sink.items).hasSize(1201);
  }
}
