package dev.syncengine.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncengine.core.model.ChangeEvent;
import dev.syncengine.core.model.ChangeKind;
import dev.syncengine.core.model.EnqueueResult;
import dev.syncengine.core.model.Job;
import dev.syncengine.core.model.JobState;
import dev.syncengine.core.spi.JobStore;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a {@link JobStore} must do on enqueue: one pending job per record, idempotency keys per
 * connection, newer changes merging into the pending job, older ones dropped as stale. Part of
 * {@link JobStoreContract}, which runs it with the other job store contracts.
 */
public abstract class JobEnqueueContract extends JobStoreFixture {
  @Test
  void enqueuesANewChangeAsAPendingJobDueNow() {
    long id = enqueueOne(event(CONN, "r1", 1, "k1"));

    Job j = job(id);
    assertThat(j.state()).isEqualTo(JobState.PENDING);
    assertThat(j.connectionId()).isEqualTo(CONN);
    assertThat(j.recordId()).isEqualTo("r1");
    assertThat(j.kind()).isEqualTo(ChangeKind.UPSERT);
    assertThat(j.sourceVersion()).isEqualTo(T0.plusSeconds(1));
    assertThat(j.payload().get("v").asInt()).isEqualTo(1);
    assertThat(j.idempotencyKey()).isEqualTo("k1");
    assertThat(j.attempts()).isZero();
    assertThat(j.runAt()).isEqualTo(T0);
    assertThat(j.enqueuedAt()).isEqualTo(T0);
    assertThat(j.leaseOwner()).isNull();
    assertThat(store.findByRecord(CONN, "r1")).map(Job::id).contains(id);
  }

  @Test
  void returnsOneResultPerEventInOrder() {
    List<EnqueueResult> results =
        store.enqueue(List.of(event("b", 1), event("a", 1), event("b", 2), event("a", 0)));

    assertThat(results).hasSize(4);
    assertThat(results.get(0).jobId()).isEqualTo(results.get(2).jobId());
    assertThat(results.get(1).jobId()).isEqualTo(results.get(3).jobId());
    assertThat(results.get(0).jobId()).isNotEqualTo(results.get(1).jobId());
    assertThat(results.get(3).stale()).isTrue();
    assertThat(results.subList(0, 3)).noneMatch(EnqueueResult::stale);
    assertThat(job(results.get(0).jobId()).sourceVersion()).isEqualTo(T0.plusSeconds(2));
  }

  @Test
  void aDuplicateIdempotencyKeyReturnsTheOriginalJobId() {
    long id = enqueueOne(event(CONN, "r1", 1, "key-1"));

    EnqueueResult again = store.enqueue(List.of(event(CONN, "r1", 5, "key-1"))).get(0);

    assertThat(again.duplicate()).isTrue();
    assertThat(again.jobId()).isEqualTo(id);
    assertThat(job(id).sourceVersion()).isEqualTo(T0.plusSeconds(1));
    assertThat(job(id).generation()).isEqualTo(1);
  }

  @Test
  void aDuplicateWithinOneBatchIsDropped() {
    List<EnqueueResult> results =
        store.enqueue(List.of(event(CONN, "r1", 1, "same"), event(CONN, "r2", 2, "same")));

    assertThat(results.get(0).duplicate()).isFalse();
    assertThat(results.get(1).duplicate()).isTrue();
    assertThat(results.get(1).jobId()).isEqualTo(results.get(0).jobId());
    assertThat(store.findByRecord(CONN, "r2")).isEmpty();
  }

  @Test
  void idempotencyKeysAreScopedToTheirConnection() {
    long a = enqueueOne(event("conn-a", "r1", 1, "key"));
    EnqueueResult b = store.enqueue(List.of(event("conn-b", "r1", 1, "key"))).get(0);

    assertThat(b.duplicate()).isFalse();
    assertThat(b.jobId()).isNotEqualTo(a);
  }

  @Test
  void aNewerChangeMergesIntoTheRowResettingAttemptsAndBumpingGeneration() {
    long id = enqueueOne(event("r1", 1));
    Job claimed = store.claim("w1", 10, LEASE).get(0);
    store.fail("w1", claimed, "boom", T0.plusSeconds(60));
    assertThat(job(id).attempts()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(5));

    EnqueueResult r = store.enqueue(List.of(event("r1", 2))).get(0);

    Job j = job(id);
    assertThat(r.jobId()).isEqualTo(id);
    assertThat(r.stale()).isFalse();
    assertThat(j.state()).isEqualTo(JobState.PENDING);
    assertThat(j.attempts()).isZero();
    assertThat(j.runAt()).isEqualTo(T0.plusSeconds(5));
    assertThat(j.generation()).isEqualTo(claimed.generation() + 1);
    assertThat(j.payload().get("v").asInt()).isEqualTo(2);
    assertThat(j.enqueuedAt()).isEqualTo(T0);
  }

  @Test
  void anOlderChangeIsStaleAndDropped() {
    long id = enqueueOne(event("r1", 5));

    EnqueueResult r = store.enqueue(List.of(event("r1", 3))).get(0);

    assertThat(r.stale()).isTrue();
    assertThat(r.jobId()).isEqualTo(id);
    assertThat(job(id).sourceVersion()).isEqualTo(T0.plusSeconds(5));
    assertThat(job(id).generation()).isEqualTo(1);
  }

  @Test
  void anEqualVersionTakesTheLaterArrival() {
    long id = enqueueOne(event("r1", 4));
    ChangeEvent later =
        new ChangeEvent(
            CONN,
            "r1",
            ChangeKind.DELETE,
            T0.plusSeconds(4),
            null,
            null,
            clock.instant().plusSeconds(1));

    EnqueueResult r = store.enqueue(List.of(later)).get(0);

    assertThat(r.stale()).isFalse();
    assertThat(job(id).kind()).isEqualTo(ChangeKind.DELETE);
    assertThat(job(id).payload()).isNull();
    assertThat(job(id).generation()).isEqualTo(2);
  }

  @Test
  void aChangeToADoneRecordMakesItPendingAgain() {
    long id = enqueueOne(event("r1", 1));
    store.complete("w1", store.claim("w1", 1, LEASE));
    assertThat(job(id).state()).isEqualTo(JobState.DONE);
    clock.advance(Duration.ofMinutes(1));

    enqueueOne(event("r1", 2));

    assertThat(job(id).state()).isEqualTo(JobState.PENDING);
    assertThat(job(id).enqueuedAt()).isEqualTo(T0.plusSeconds(60));
  }
}
