package dev.syncengine.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncengine.core.model.Job;
import dev.syncengine.core.model.JobState;
import dev.syncengine.core.spi.JobStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What a {@link JobStore} must do when a write fails: attempts and errors kept, retry times, dead
 * letter and replay, and failures reported by workers that no longer hold the job. Builds on {@link
 * JobClaimContract}; part of {@link JobStoreContract}.
 */
public abstract class JobFailureContract extends JobClaimContract {
  @Test
  void failWithARetryTimeCountsTheAttemptAndKeepsTheError() {
    long id = enqueueOne(event("r1", 1));
    Job claimed = store.claim("w1", 1, LEASE).get(0);

    store.fail("w1", claimed, "rate limited", T0.plusSeconds(120));

    Job j = job(id);
    assertThat(j.state()).isEqualTo(JobState.PENDING);
    assertThat(j.attempts()).isEqualTo(1);
    assertThat(j.runAt()).isEqualTo(T0.plusSeconds(120));
    assertThat(j.lastError()).isEqualTo("rate limited");
    assertThat(j.leaseOwner()).isNull();
  }

  @Test
  void aWriteThatSucceedsAfterFailuresClearsTheLastError() {
    long id = enqueueOne(event("r1", 1));
    store.fail("w1", store.claim("w1", 1, LEASE).get(0), "invalid slug", null);
    assertThat(store.replay(id)).isTrue();
    assertThat(job(id).lastError()).as("kept while it waits").isEqualTo("invalid slug");

    store.complete("w1", store.claim("w1", 1, LEASE));

    assertThat(job(id).state()).isEqualTo(JobState.DONE);
    assertThat(job(id).lastError()).isNull();
  }

  @Test
  void failWithoutARetryTimeSendsTheJobToDeadLetterAndReplayBringsItBack() {
    long id = enqueueOne(event("r1", 1));
    store.fail("w1", store.claim("w1", 1, LEASE).get(0), "invalid slug", null);

    assertThat(job(id).state()).isEqualTo(JobState.DEAD);
    assertThat(store.list(null, JobState.DEAD, 0, 10)).extracting(Job::id).containsExactly(id);
    assertThat(store.claim("w1", 1, LEASE)).isEmpty();

    clock.advance(Duration.ofMinutes(5));
    assertThat(store.replay(id)).isTrue();
    assertThat(store.replay(id)).as("no longer dead").isFalse();
    Job j = job(id);
    assertThat(j.state()).isEqualTo(JobState.PENDING);
    assertThat(j.attempts()).isZero();
    assertThat(j.runAt()).isEqualTo(T0.plusSeconds(300));
    assertThat(store.claim("w1", 1, LEASE)).hasSize(1);
  }

  @Test
  void failOfAJobWhoseRecordChangedMeanwhileResetsItToPending() {
    long id = enqueueOne(event("r1", 1));
    Job claimed = store.claim("w1", 1, LEASE).get(0);
    enqueueOne(event("r1", 2));

    store.fail("w1", claimed, "boom", null);

    assertThat(job(id).state()).isEqualTo(JobState.PENDING);
    assertThat(job(id).attempts()).isZero();
    assertThat(store.claim("w2", 1, LEASE)).hasSize(1);
  }

  @Test
  void failByAWorkerThatNoLongerHoldsTheJobIsIgnored() {
    long id = enqueueOne(event("r1", 1));
    Job claimed = store.claim("w1", 1, LEASE).get(0);

    store.fail("someone-else", claimed, "boom", null);

    assertThat(job(id).state()).isEqualTo(JobState.CLAIMED);
    assertThat(job(id).attempts()).isZero();
  }

  @Test
  void markDeadMovesAPendingJobToDeadLetter() {
    long id = enqueueOne(event("r1", 1));

    assertThat(store.markDead(id, "bad data")).isTrue();

    assertThat(job(id).state()).isEqualTo(JobState.DEAD);
    assertThat(job(id).lastError()).isEqualTo("bad data");
    assertThat(store.claim("w1", 1, LEASE)).isEmpty();
  }
}
