package dev.syncengine.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.syncengine.core.model.ChangeEvent;
import dev.syncengine.core.model.ChangeKind;
import dev.syncengine.core.model.Job;
import dev.syncengine.core.model.JobState;
import dev.syncengine.core.spi.JobStore;
import dev.syncengine.testing.db.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * 4 workers drain 10,000 jobs while a producer is still enqueueing them: every job is completed
 * exactly once, no job is ever held by two workers, and no call fails (no deadlock).
 */
abstract class QueueConcurrencySuite {
  static final int JOBS = 10_000;
  static final int WORKERS = 4;
  static final int BATCH = 100;

  abstract TestDatabase database();

  @Test
  void fourWorkersCompleteTenThousandJobsExactlyOnceWithoutDeadlocks() throws Exception {
    try (HikariDataSource pool = TestSupport.pool(database().dataSource(), WORKERS + 2)) {
      JobStore store = JdbcStores.create(pool, JdbcStoreOptions.builder().build()).jobStore();
      Map<Long, String> heldBy = new ConcurrentHashMap<>();
      Map<Long, AtomicInteger> completions = new ConcurrentHashMap<>();
      List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
      CountDownLatch produced = new CountDownLatch(1);
      ExecutorService threads = Executors.newFixedThreadPool(WORKERS + 1);
      try {
        Future<?> producer =
            threads.submit(
                () -> {
                  Instant version = Instant.parse("2025-01-01T00:00:00Z");
                  for (int from = 0; from < JOBS; from += 500) {
                    List<ChangeEvent> batch = new ArrayList<>();
                    for (int i = from; i < from + 500; i++) {
                      batch.add(
                          new ChangeEvent(
                              "load",
                              "rec-" + i,
                              ChangeKind.UPSERT,
                              version,
                              null,
                              "key-" + i,
                              Instant.now()));
                    }
                    store.enqueue(batch);
                  }
                  produced.countDown();
                  return null;
                });
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
          String owner = "worker-" + w;
          workers.add(
              threads.submit(
                  () -> {
                    while (true) {
                      List<Job> claimed;
                      try {
                        claimed = store.claim(owner, BATCH, Duration.ofMinutes(5));
                      } catch (RuntimeException e) {
                        errors.add(e);
                        return null;
                      }
                      if (claimed.isEmpty()) {
                        if (produced.getCount() == 0 && nothingLeft(store)) {
                          return null;
                        }
                        // an idle worker polls; the listener would wake it in production
                        LockSupport.parkNanos(2_000_000);
                        continue;
                      }
                      for (Job j : claimed) {
                        String other = heldBy.putIfAbsent(j.id(), owner);
                        if (other != null) {
                          errors.add(
                              new AssertionError(j.id() + " held by " + other + " and " + owner));
                        }
                      }
                      // released in our map before the store lets go, so a re-claim would be seen
                      claimed.forEach(j -> heldBy.remove(j.id()));
                      claimed.forEach(
                          j ->
                              completions
                                  .computeIfAbsent(j.id(), k -> new AtomicInteger())
                                  .incrementAndGet());
                      try {
                        store.complete(owner, claimed);
                      } catch (RuntimeException e) {
                        errors.add(e);
                        return null;
                      }
                    }
                  }));
        }
        producer.get(120, TimeUnit.SECONDS);
        for (Future<?> w : workers) {
          w.get(120, TimeUnit.SECONDS);
        }
      } finally {
        threads.shutdownNow();
      }

      assertThat(errors).isEmpty();
      assertThat(completions).hasSize(JOBS);
      assertThat(completions.values()).allMatch(c -> c.get() == 1);
      Map<JobState, Long> counts = store.counts("load");
      assertThat(counts.get(JobState.DONE)).isEqualTo(JOBS);
      assertThat(counts.get(JobState.PENDING) + counts.get(JobState.CLAIMED)).isZero();
    }
  }

  private static boolean nothingLeft(JobStore store) {
    Map<JobState, Long> c = store.counts("load");
    return c.get(JobState.PENDING) + c.get(JobState.CLAIMED) == 0;
  }
}
