package dev.syncengine.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.syncengine.core.model.Job;
import dev.syncengine.core.model.JobState;
import dev.syncengine.core.model.LogStatus;
import dev.syncengine.core.spi.LogQuery;
import dev.syncengine.testing.FakeSource;
import dev.syncengine.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CrashRecoveryTest {

  /** Stands for a process killed mid-batch: nothing after the write runs. */
  static final class WorkerDied extends Error {}

  @Test
  void aWorkerThatDiesMidBatchLosesNothingAndTheJobCompletesOnce() {
    TestClock clock = TestClock.at(Instant.parse("2026-03-01T10:00:00Z"));
    EngineFixture f = new EngineFixture(clock);
    Duration lease = Duration.ofSeconds(30);
    SyncEngine dying = f.engine(EngineFixture.workers(1, lease), "worker-a");
    SyncEngine survivor = f.engine(EngineFixture.workers(1, lease), "worker-b");

    ArrayNode events = FakeSource.JSON.createArrayNode();
    for (int i = 0; i < 20; i++) {
      events.add(EngineFixture.event("e" + i, "rec" + i, "UPSERT", 1000 + i, "Name " + i));
    }
    assertThat(dying.ingest(EngineFixture.CONNECTION, f.signed(events)))
        .isInstanceOf(IngestResult.Accepted.class);

    // Worker A writes the items, then dies before recording anything.
    f.sink.afterWrite =
        () -> {
          throw new WorkerDied();
        };
    assertThatThrownBy(dying::runOnce).isInstanceOf(WorkerDied.class);
    f.sink.afterWrite = () -> {};
    assertThat(f.sink.items).hasSize(20);
    assertThat(f.stores.jobs().counts(null).get(JobState.CLAIMED)).isEqualTo(20);

    // While A's lease lives nobody else may take the jobs.
    assertThat(survivor.runOnce().claimed()).isZero();

    clock.advance(lease.plusSeconds(1));
    RunSummary s = survivor.runOnce();

    assertThat(s.claimed()).isEqualTo(20);
    assertThat(f.stores.jobs().counts(null).get(JobState.DONE)).isEqualTo(20);
    // The lost creates were adopted, not duplicated: still one item per record.
    assertThat(f.sink.items).hasSize(20);
    for (int i = 0; i < 20; i++) {
      Job j = f.stores.jobs().findByRecord(EngineFixture.CONNECTION, "rec" + i).orElseThrow();
      assertThat(j.state()).isEqualTo(JobState.DONE);
      assertThat(f.stores.idMap().find(EngineFixture.CONNECTION, "rec" + i)).isPresent();
    }
    long successes =
        f.stores
            .eventLog()
            .count(
                new dev.syncengine.core.spi.LogQuery(
                    null, Set.of(LogStatus.SUCCESS), null, null, null, 0, 10));
    assertThat(successes).isEqualTo(20);
    // A late completion from the dead worker would change nothing: it no longer holds the jobs.
    Job done = f.stores.jobs().findByRecord(EngineFixture.CONNECTION, "rec0").orElseThrow();
    f.stores.jobs().complete("worker-a", java.util.List.of(done));
    assertThat(f.stores.jobs().find(done.id()).orElseThrow().state()).isEqualTo(JobState.DONE);
    assertThat(LogQuery.all(1).limit()).isEqualTo(1);
  }

  @Test
  void aCreateKeyRecordedBeforeACrashComesBackWithTheNextWriteOfThatRecord() {
    TestClock clock = TestClock.at(Instant.parse("2026-03-01T10:00:00Z"));
    EngineFixture f = new EngineFixture(clock);
    Duration lease = Duration.ofSeconds(30);
    SyncEngine dying = f.engine(EngineFixture.workers(1, lease), "worker-a");
    ArrayNode events = FakeSource.JSON.createArrayNode();
    events.add(EngineFixture.event("e1", "rec1", "UPSERT", 1000, "first"));
    dying.ingest(EngineFixture.CONNECTION, f.signed(events));
    f.sink.afterWrite =
        () -> {
          throw new WorkerDied();
        };

    assertThatThrownBy(dying::runOnce).isInstanceOf(WorkerDied.class);

    // The intent was recorded before the create went out, the item id never was.
    assertThat(f.stores.idMap().find(EngineFixture.CONNECTION, "rec1")).isEmpty();
    assertThat(f.stores.idMap().findCreateIntents(EngineFixture.CONNECTION, Set.of("rec1")))
        .containsEntry("rec1", "r-rec1");

    f.sink.afterWrite = () -> {};
    clock.advance(lease.plusSeconds(1));
    f.engine(EngineFixture.workers(1, lease), "worker-b").runOnce();

    assertThat(f.sink.createKeysSeen).containsEntry("rec1", "r-rec1");
    assertThat(f.stores.idMap().find(EngineFixture.CONNECTION, "rec1")).isPresent();
    assertThat(f.stores.idMap().findCreateIntents(EngineFixture.CONNECTION, Set.of("rec1")))
        .as("recording the item id forgets the intent")
        .isEmpty();
  }

  @Test
  void aRecordDeletedAfterAnUnconfirmedCreateHasTheItemThatCreateMadeRemoved() {
    TestClock clock = TestClock.at(Instant.parse("2026-03-01T10:00:00Z"));
    EngineFixture f = new EngineFixture(clock);
    Duration lease = Duration.ofSeconds(30);
    SyncEngine dying = f.engine(EngineFixture.workers(1, lease), "worker-a");
    ArrayNode created = FakeSource.JSON.createArrayNode();
    created.add(EngineFixture.event("e1", "rec1", "UPSERT", 1000, "first"));
    dying.ingest(EngineFixture.CONNECTION, f.signed(created));
    f.sink.afterWrite =
        () -> {
          throw new WorkerDied();
        };
    assertThatThrownBy(dying::runOnce).isInstanceOf(WorkerDied.class);
    f.sink.afterWrite = () -> {};
    assertThat(f.sink.items).hasSize(1);

    // The record is deleted while nobody knows the item's id.
    ArrayNode deleted = FakeSource.JSON.createArrayNode();
    deleted.add(EngineFixture.event("e2", "rec1", "DELETE", 2000, null));
    dying.ingest(EngineFixture.CONNECTION, f.signed(deleted));
    clock.advance(lease.plusSeconds(1));
    f.engine(EngineFixture.workers(1, lease), "worker-b").runOnce();

    assertThat(f.sink.createKeysSeen).containsEntry("rec1", "r-rec1");
    assertThat(f.sink.items).as("the item the unconfirmed create made").isEmpty();
    assertThat(f.stores.idMap().findCreateIntents(EngineFixture.CONNECTION, Set.of("rec1")))
        .isEmpty();
  }

  @Test
  void aChangeArrivingWhileItsRecordIsBeingWrittenIsWrittenAfterwards() {
    TestClock clock = TestClock.at(Instant.parse("2026-03-01T10:00:00Z"));
    EngineFixture f = new EngineFixture(clock);
    SyncEngine engine = f.engine(EngineFixture.workers(1, Duration.ofSeconds(30)), "w");
    ArrayNode first = FakeSource.JSON.createArrayNode();
    first.add(EngineFixture.event("e1", "rec1", "UPSERT", 1000, "first"));
    engine.ingest(EngineFixture.CONNECTION, f.signed(first));

    f.sink.afterWrite =
        () -> {
          f.sink.afterWrite = () -> {};
          ArrayNode second = FakeSource.JSON.createArrayNode();
          second.add(EngineFixture.event("e2", "rec1", "UPSERT", 2000, "second"));
          engine.ingest(EngineFixture.CONNECTION, f.signed(second));
        };
    engine.runOnce(1);
    assertThat(f.sink.itemFor("r-rec1").get("name").asText()).isEqualTo("first");
    assertThat(f.stores.jobs().counts(null).get(JobState.PENDING)).isEqualTo(1);

    engine.runOnce(1);
    assertThat(f.sink.itemFor("r-rec1").get("name").asText()).isEqualTo("second");
    assertThat(f.stores.jobs().counts(null).get(JobState.DONE)).isEqualTo(1);
  }
}
