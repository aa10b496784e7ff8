package dev.syncengine.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncengine.core.model.Job;
import dev.syncengine.core.model.JobState;
import dev.syncengine.core.spi.JobStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a {@link JobStore} must answer for inspection and housekeeping: counts per state, the oldest
 * waiting job, listing with filters and paging, purge and deleting a connection's jobs. Builds on
 * {@link JobFailureContract}; part of {@link JobStoreContract}.
 */
public abstract class JobAdminContract extends JobFailureContract {
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
}
