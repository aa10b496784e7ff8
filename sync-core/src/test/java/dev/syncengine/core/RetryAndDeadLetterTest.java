package dev.syncengine.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Job;
import dev.syncengine.core.model.JobState;
import dev.syncengine.core.model.LogStatus;
import dev.syncengine.core.spi.LogQuery;
import dev.syncengine.testing.FakeSource;
import dev.syncengine.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RetryAndDeadLetterTest {
  private TestClock clock;
  private EngineFixture f;
  private SyncEngine engine;

  @BeforeEach
  void setUp() {
    clock = TestClock.at(Instant.parse("2026-05-01T12:00:00Z"));
    f = new EngineFixture(clock);
    engine = f.engine(EngineFixture.workers(1, Duration.ofSeconds(30)), "w");
    ArrayNode events = FakeSource.JSON.createArrayNode();
    events.add(EngineFixture.event("e1", "good", "UPSERT", 1000, "Good"));
    events.add(EngineFixture.event("e2", "bad", "UPSERT", 1000, "Bad"));
    engine.ingest(EngineFixture.CONNECTION, f.signed(events));
  }

  private Job job(String record) {
    return f.stores.jobs().findByRecord(EngineFixture.CONNECTION, record).orElseThrow();
  }

  @Test
  void aPermanentFailureGoesToDeadLetterWithoutSinkingTheRestOfTheBatch() {
    f.sink.failPermanently = op -> op.recordId().equals("bad");

    engine.runOnce();

    assertThat(job("good").state()).isEqualTo(JobState.DONE);
    assertThat(job("bad").state()).isEqualTo(JobState.DEAD);
    assertThat(job("bad").lastError()).contains("validation_error").contains("bad item");
    var dead =
        f.stores
            .eventLog()
            .query(new LogQuery(null, Set.of(LogStatus.DEAD), "bad", null, null, 0, 10));
    assertThat(dead).hasSize(1);
    assertThat(dead.get(0).errorCode()).isEqualTo("validation_error");
  }

  @Test
  void replayResetsAttemptsAndTheJobSucceedsOnceFixed() {
    f.sink.failPermanently = op -> op.recordId().equals("bad");
    engine.runOnce();
    f.sink.failPermanently = op -> false;

    assertThat(engine.admin().replay(job("bad").id())).isTrue();
    assertThat(job("bad").attempts()).isZero();
    engine.runOnce();

    assertThat(job("bad").state()).isEqualTo(JobState.DONE);
    assertThat(f.sink.itemFor("r-bad")).isNotNull();
    assertThat(engine.admin().replay(job("bad").id())).as("only dead jobs replay").isFalse();
  }

  @Test
  void retryableFailuresBackOffThenDieAfterMaxAttempts() {
    f.sink.failRetryably = op -> op.recordId().equals("bad");

    engine.runOnce(1);
    Job afterFirst = job("bad");
    assertThat(afterFirst.state()).isEqualTo(JobState.PENDING);
    assertThat(afterFirst.attempts()).isEqualTo(1);
    assertThat(afterFirst.runAt()).isAfterOrEqualTo(clock.instant());
    assertThat(afterFirst.runAt())
        .isBeforeOrEqualTo(clock.instant().plus(Duration.ofMillis(10))); // first ceiling

    for (int i = 0; i < 5 && job("bad").state() != JobState.DEAD; i++) {
      clock.advance(Duration.ofSeconds(1));
      engine.runOnce(1);
    }
    assertThat(job("bad").state()).isEqualTo(JobState.DEAD);
    assertThat(job("bad").attempts()).isEqualTo(3); // maxAttempts of the fixture
  }

  @Test
  void aNewChangeToADeadRecordBringsItBack() {
    f.sink.failPermanently = op -> op.recordId().equals("bad");
    engine.runOnce();
    f.sink.failPermanently = op -> false;
    ArrayNode fix = FakeSource.JSON.createArrayNode();
    fix.add(EngineFixture.event("e3", "bad", "UPSERT", 2000, "Fixed"));

    engine.ingest(EngineFixture.CONNECTION, f.signed(fix));
    engine.runOnce();

    assertThat(job("bad").state()).isEqualTo(JobState.DONE);
    assertThat(f.sink.itemFor("r-bad").get("name").asText()).isEqualTo("Fixed");
  }

  @Test
  void aPausedConnectionKeepsItsJobsWithoutCountingAttempts() {
    ConnectionConfig paused = f.connection.toBuilder().paused(true).build();
    f.stores.connections().save(paused);

    engine.runOnce();

    assertThat(job("good").state()).isEqualTo(JobState.PENDING);
    assertThat(job("good").attempts()).isZero();
    assertThat(f.sink.calls.get()).isZero();

    f.stores.connections().save(f.connection);
    clock.advance(Duration.ofMinutes(1));
    engine.runOnce();
    assertThat(job("good").state()).isEqualTo(JobState.DONE);
  }

  @Test
  void aMappingThatDoesNotCompileDeadLettersWithTheReason() {
    EngineFixture broken = new EngineFixture(clock);
    SyncEngine e =
        SyncEngine.builder()
            .stores(broken.stores)
            .source(broken.source)
            .sink(broken.sink)
            .mappingCompiler(
                (v, s, t) -> {
                  throw new dev.syncengine.core.mapping.MappingValidationException(
                      java.util.List.of(
                          new dev.syncengine.core.mapping.MappingValidationException.Problem(
                              "price", "jsonata", "unknown source field 'prize'", true)));
                })
            .clock(clock)
            .build();
    ArrayNode events = FakeSource.JSON.createArrayNode();
    events.add(EngineFixture.event("e1", "r1", "UPSERT", 1000, "A"));
    e.ingest(EngineFixture.CONNECTION, broken.signed(events));

    e.runOnce();

    Job j = broken.stores.jobs().findByRecord(EngineFixture.CONNECTION, "r1").orElseThrow();
    assertThat(j.state()).isEqualTo(JobState.DEAD);
    assertThat(j.lastError()).contains("mapping_invalid").contains("price").contains("prize");
  }
}
