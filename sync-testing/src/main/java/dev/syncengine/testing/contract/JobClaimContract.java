package dev.syncengine.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncengine.core.model.ChangeEvent;
import dev.syncengine.core.model.Job;
import dev.syncengine.core.model.JobState;
import dev.syncengine.core.spi.JobStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What a {@link JobStore} must do when workers claim: leases (due jobs only, expiry, renew,
 * release), completion (including of a job whose record changed meanwhile), the lag of a write, and
 * no job claimed twice by concurrent workers. Builds on {@link JobEnqueueContract}; part of {@link
 * JobStoreContract}.
 */
public abstract class JobClaimContract extends JobEnqueueContract {
  @Test
  void claimLeasesDueJobsAndNeverHandsOutAJobALiveLeaseHolds() {
    store.enqueue(List.of(event("r1", 1), event("r2", 1), event("r3", 1)));

    List<Job> first = store.claim("w1", 2, LEASE);
    List<Job> second = store.claim("w2", 5, LEASE);
    List<Job> third = store.claim("w3", 5, LEASE);

    assertThat(first).hasSize(2).allMatch(j -> j.state() == JobState.CLAIMED);
    assertThat(first).allMatch(j -> "w1".equals(j.leaseOwner()));
    assertThat(first).allMatch(j -> T0.plus(LEASE).equals(j.leaseUntil()));
    assertThat(second).hasSize(1).allMatch(j -> "w2".equals(j.leaseOwner()));
    assertThat(third).isEmpty();
    Set<Long> ids = new java.util.HashSet<>();
    first.forEach(j -> ids.add(j.id()));
    second.forEach(j -> ids.add(j.id()));
    assertThat(ids).hasSize(3);
    assertThat(job(second.get(0).id()).leaseOwner()).isEqualTo("w2");
  }

  @Test
  void claimSkipsJobsThatAreNotDueYet() {
    enqueueOne(event("r1", 1));
    store.fail("w1", store.claim("w1", 1, LEASE).get(0), "later", T0.plusSeconds(60));

    assertThat(store.claim("w1", 1, LEASE)).isEmpty();
    clock.advance(Duration.ofSeconds(60));

    List<Job> due = store.claim("w1", 1, LEASE);
    assertThat(due).hasSize(1);
    assertThat(due.get(0).attempts()).isEqualTo(1);
    assertThat(due.get(0).lastError()).isEqualTo("later");
  }

  @Test
  void anExpiredLeaseIsClaimableAndItsOldHolderCanNoLongerComplete() {
    long id = enqueueOne(event("r1", 1));
    List<Job> byW1 = store.claim("w1", 1, LEASE);
    clock.advance(LEASE.plusSeconds(1));

    List<Job> byW2 = store.claim("w2", 1, LEASE);
    store.complete("w1", byW1);

    assertThat(byW2).extracting(Job::id).containsExactly(id);
    assertThat(job(id).state()).isEqualTo(JobState.CLAIMED);
    assertThat(job(id).leaseOwner()).isEqualTo("w2");
    store.complete("w2", byW2);
    assertThat(job(id).state()).isEqualTo(JobState.DONE);
  }

  @Test
  void completeMarksJobsDoneAndReleasesTheLease() {
    store.enqueue(List.of(event("r1", 1), event("r2", 1)));
    List<Job> claimed = store.claim("w1", 10, LEASE);

    store.complete("w1", claimed);

    assertThat(claimed)
        .allSatisfy(
            j -> {
              Job now = job(j.id());
              assertThat(now.state()).isEqualTo(JobState.DONE);
              assertThat(now.leaseOwner()).isNull();
            });
    assertThat(store.claim("w2", 10, LEASE)).isEmpty();
  }

  @Test
  void completingAJobWhoseRecordChangedMeanwhileSendsItBackToPending() {
    long id = enqueueOne(event("r1", 1));
    List<Job> claimed = store.claim("w1", 1, LEASE);
    clock.advance(Duration.ofSeconds(3));
    enqueueOne(event("r1", 2));
    assertThat(job(id).state()).isEqualTo(JobState.CLAIMED);
    assertThat(store.claim("w2", 1, LEASE)).as("still held by w1").isEmpty();
    clock.advance(Duration.ofSeconds(1));

    store.complete("w1", claimed);

    Job j = job(id);
    assertThat(j.state()).isEqualTo(JobState.PENDING);
    assertThat(j.runAt()).isBeforeOrEqualTo(clock.instant());
    List<Job> again = store.claim("w2", 1, LEASE);
    assertThat(again).hasSize(1);
    assertThat(again.get(0).payload().get("v").asInt()).isEqualTo(2);
    assertThat(again.get(0).enqueuedAt())
        .as("v1 was written by w1: lag now runs from v2's arrival")
        .isEqualTo(T0.plusSeconds(3));
  }

  @Test
  void theLagOfAWriteCountsFromTheFirstChangeThatArrivedAfterTheWriteBeforeItWasClaimed() {
    long id = enqueueOne(event("r1", 1));
    clock.advance(Duration.ofSeconds(2));
    enqueueOne(event("r1", 2));
    List<Job> claimed = store.claim("w1", 1, LEASE);
    assertThat(claimed.get(0).enqueuedAt()).as("the write carries v1 and v2").isEqualTo(T0);
    clock.advance(Duration.ofSeconds(3));
    ChangeEvent v3 = event("r1", 3);
    clock.advance(Duration.ofSeconds(4));
    store.enqueue(List.of(v3, event("r1", 4))); // one batch, as the ingest path writes them
    assertThat(job(id).enqueuedAt())
        .as("until w1's write lands, v1 is the oldest change not yet written")
        .isEqualTo(T0);

    store.complete("w1", claimed);

    assertThat(job(id).enqueuedAt()).isEqualTo(T0.plusSeconds(5));
    List<Job> next = store.claim("w2", 1, LEASE);
    store.complete("w2", next);
    assertThat(job(id).state()).isEqualTo(JobState.DONE);
    enqueueOne(event("r1", 5));
    assertThat(job(id).enqueuedAt()).isEqualTo(T0.plusSeconds(9));
  }

  @Test
  void oneBatchMergingIntoAClaimedAndAPendingJobTracksEachOnItsOwn() {
    long claimedId = enqueueOne(event("r1", 1));
    List<Job> claimed = store.claim("w1", 1, LEASE);
    clock.advance(Duration.ofSeconds(1));
    long pendingId = enqueueOne(event("r2", 1));
    clock.advance(Duration.ofSeconds(2));

    store.enqueue(List.of(event("r1", 2), event("r2", 2)));

    assertThat(job(pendingId).enqueuedAt()).isEqualTo(T0.plusSeconds(1));
    store.complete("w1", claimed);
    assertThat(job(claimedId).enqueuedAt()).isEqualTo(T0.plusSeconds(3));
    assertThat(job(pendingId).enqueuedAt()).isEqualTo(T0.plusSeconds(1));
  }

  @Test
  void aLateCompletionFromAnExpiredLeaseDoesNotCountChangesAnotherClaimCarriesAsWritten() {
    long id = enqueueOne(event("r1", 1));
    List<Job> first = store.claim("w", 1, LEASE);
    clock.advance(LEASE.plusSeconds(1));
    Instant v2Arrived = clock.instant();
    enqueueOne(event("r1", 2));
    List<Job> second = store.claim("w", 1, LEASE);
    assertThat(second).as("the expired lease is claimed again").hasSize(1);
    clock.advance(Duration.ofSeconds(2));
    enqueueOne(event("r1", 3));

    store.complete("w", first); // the first claim's write: it carried v1 only

    assertThat(job(id).enqueuedAt())
        .as("v2 went out with the second claim, whose write has not landed")
        .isBeforeOrEqualTo(v2Arrived);
  }

  @Test
  void aWriteThatDidNotLandKeepsTheLagOfTheOldestChangeItCarried() {
    long id = enqueueOne(event("r1", 1));
    Job claimed = store.claim("w1", 1, LEASE).get(0);
    clock.advance(Duration.ofSeconds(3));
    enqueueOne(event("r1", 2));
    store.fail("w1", claimed, "boom", T0.plusSeconds(60));
    assertThat(job(id).enqueuedAt()).isEqualTo(T0);

    List<Job> deferred = store.claim("w1", 1, LEASE);
    enqueueOne(event("r1", 3));
    store.defer("w1", deferred, T0.plusSeconds(30));
    assertThat(job(id).enqueuedAt()).isEqualTo(T0);

    List<Job> released = store.claim("w1", 1, LEASE);
    enqueueOne(event("r1", 4));
    store.release("w1", List.of(released.get(0).id()));
    assertThat(job(id).enqueuedAt()).isEqualTo(T0);

    List<Job> last = store.claim("w1", 1, LEASE);
    clock.advance(Duration.ofSeconds(1));
    store.complete("w1", last);
    assertThat(job(id).state())
        .as("nothing arrived during the last write")
        .isEqualTo(JobState.DONE);
  }

  @Test
  void renewExtendsOnlyTheLeasesTheOwnerStillHolds() {
    long id = enqueueOne(event("r1", 1));
    store.claim("w1", 1, LEASE);
    clock.advance(Duration.ofSeconds(20));

    assertThat(store.renew("w1", List.of(id), LEASE)).isEqualTo(1);
    assertThat(store.renew("w2", List.of(id), LEASE)).isZero();
    clock.advance(Duration.ofSeconds(20));

    assertThat(store.claim("w2", 1, LEASE)).as("lease was renewed").isEmpty();
    assertThat(job(id).leaseUntil()).isEqualTo(T0.plusSeconds(50));
  }

  @Test
  void releaseGivesClaimsBackWithoutCountingAnAttempt() {
    long id = enqueueOne(event("r1", 1));
    store.claim("w1", 1, LEASE);

    store.release("w2", List.of(id));
    assertThat(job(id).state()).isEqualTo(JobState.CLAIMED);
    store.release("w1", List.of(id));

    assertThat(job(id).state()).isEqualTo(JobState.PENDING);
    assertThat(job(id).attempts()).isZero();
    assertThat(store.claim("w2", 1, LEASE)).hasSize(1);
  }

  @Test
  void concurrentWorkersNeverClaimTheSameJob() throws Exception {
    List<ChangeEvent> events = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      events.add(event("r" + i, 1));
    }
    store.enqueue(events);
    Map<Long, String> claimedBy = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> workers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        String owner = "w" + w;
        workers.add(
            pool.submit(
                () -> {
                  int n = 0;
                  List<Job> batch;
                  while (!(batch = store.claim(owner, 7, LEASE)).isEmpty()) {
                    for (Job j : batch) {
                      assertThat(claimedBy.putIfAbsent(j.id(), owner)).isNull();
                    }
                    store.complete(owner, batch);
                    n += batch.size();
                  }
                  return n;
                }));
      }
      int total = 0;
      for (Future<Integer> f : workers) {
        total += f.get(60, TimeUnit.SECONDS);
      }
      assertThat(total).isEqualTo(200);
      assertThat(claimedBy).hasSize(200);
      assertThat(store.counts(CONN).getOrDefault(JobState.DONE, 0L)).isEqualTo(200);
    } finally {
      pool.shutdownNow();
    }
  }
}
