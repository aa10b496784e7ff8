package dev.syncengine.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.model.ChangeEvent;
import dev.syncengine.core.model.ChangeKind;
import dev.syncengine.core.model.EnqueueResult;
import dev.syncengine.core.model.Job;
import dev.syncengine.core.model.JobState;
import dev.syncengine.core.spi.JobStore;
import dev.syncengine.testing.TestClock;
import java.time.Clock;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link JobStore} must show.
 *
 * <pre>{@code
 * class MyJobStoreTest extends JobStoreContract {
 *   protected JobStore createStore(Clock clock) { return new MyJobStore(clock); }
 * }
 * }</pre>
 */
public abstract class JobStoreContract {
  protected static final Instant T0 = Instant.parse("2025-03-30T01:30:00Z");
  protected static final String CONN = "conn-a";
  protected static final Duration LEASE = Duration.ofSeconds(30);

  protected TestClock clock;
  protected JobStore store;

  /** Returns an empty store that reads time from {@code clock}. */
  protected abstract JobStore createStore(Clock clock);

  @BeforeEach
  void createStoreForTest() {
    clock = TestClock.at(T0);
    store = createStore(clock);
  }

  protected ChangeEvent event(String connectionId, String recordId, int version, String key) {
    ObjectNode payload = JsonNodeFactory.instance.objectNode().put("v", version);
    return new ChangeEvent(
        connectionId,
        recordId,
        ChangeKind.UPSERT,
        T0.plusSeconds(version),
        payload,
        key,
        clock.instant());
  }

  protected ChangeEvent event(String recordId, int version) {
    return event(CONN, recordId, version, null);
  }

  protected long enqueueOne(ChangeEvent e) {
    return store.enqueue(List.of(e)).get(0).jobId();
  }

  private Job job(long id) {
    return store.find(id).orElseThrow();
  }

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
  void countsJobsPerStateAndConnectionAndReportsTheOldestWaiting() {
    store.enqueue(List.of(event("conn-a", "r1", 1, null), event("conn-a", "r2", 1, null)));
    clock.advance(Duration.ofSeconds(10));
    store.enqueue(List.of(event("conn-b", "r1", 1, null)));
    Job done = store.findByRecord("conn-a", "r1").orElseThrow();
    List<Job> claimed = store.claim("w1", 1, LEASE);
    store.complete("w1", claimed);

    Map<JobState, Long> a = store.counts("conn-a");
    Map<JobState, Long> all = store.counts(null);

    assertThat(claimed).extracting(Job::id).containsExactly(done.id());
    assertThat(a.getOrDefault(JobState.DONE, 0L)).isEqualTo(1);
    assertThat(a.getOrDefault(JobState.PENDING, 0L)).isEqualTo(1);
    assertThat(all.getOrDefault(JobState.PENDING, 0L)).isEqualTo(2);
    assertThat(all.getOrDefault(JobState.DEAD, 0L)).isZero();
    assertThat(store.oldestWaiting("conn-a")).contains(T0);
    assertThat(store.oldestWaiting("conn-b")).contains(T0.plusSeconds(10));
    assertThat(store.oldestWaiting("conn-c")).isEmpty();
  }

  @Test
  void listsJobsNewestFirstWithFiltersAndPaging() {
    for (int i = 0; i < 5; i++) {
      enqueueOne(event("r" + i, 1));
      clock.advance(Duration.ofSeconds(1));
    }
    enqueueOne(event("conn-b", "x", 1, null));

    List<Job> page1 = store.list(CONN, null, 0, 2);
    List<Job> page2 = store.list(CONN, JobState.PENDING, 2, 2);

    assertThat(page1).extracting(Job::recordId).containsExactly("r4", "r3");
    assertThat(page2).extracting(Job::recordId).containsExactly("r2", "r1");
    assertThat(store.list(null, null, 0, 100)).hasSize(6);
    assertThat(store.list(CONN, JobState.DONE, 0, 100)).isEmpty();
  }

  @Test
  void purgeDeletesDoneJobsLastUpdatedBeforeTheCutoff() {
    long done = enqueueOne(event("r1", 1));
    long pending = enqueueOne(event("r2", 1));
    store.complete("w1", store.claim("w1", 1, LEASE));
    clock.advance(Duration.ofDays(2));

    int purged = store.purge(clock.instant().minus(Duration.ofDays(1)));

    assertThat(purged).isGreaterThanOrEqualTo(1);
    assertThat(store.find(done)).isEmpty();
    assertThat(store.find(pending)).isPresent();
  }

  @Test
  void deleteConnectionRemovesItsJobsAndIdempotencyKeys() {
    long id = enqueueOne(event(CONN, "r1", 1, "key"));
    long other = enqueueOne(event("conn-b", "r1", 1, "key"));

    store.deleteConnection(CONN);

    assertThat(store.find(id)).isEmpty();
    assertThat(store.find(other)).isPresent();
    assertThat(store.enqueue(List.of(event(CONN, "r1", 1, "key"))).get(0).duplicate()).isFalse();
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
