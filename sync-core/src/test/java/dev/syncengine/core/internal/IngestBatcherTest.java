package dev.syncengine.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncengine.core.memory.InMemoryJobStore;
import dev.syncengine.core.model.ChangeEvent;
import dev.syncengine.core.model.ChangeKind;
import dev.syncengine.core.model.EnqueueResult;
import dev.syncengine.core.spi.JobStore;
import dev.syncengine.core.spi.StoreUnavailableException;
import dev.syncengine.testing.Await;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class IngestBatcherTest {

  private static ChangeEvent event(String record, String key) {
    return new ChangeEvent(
        "c", record, ChangeKind.UPSERT, Instant.ofEpochMilli(1), null, key, Instant.now());
  }

  /** Counts enqueue calls, optionally slow (so deliveries pile up) or refusing some batches. */
  private static JobStore counting(
      JobStore real, AtomicInteger calls, CountDownLatch gate, Predicate<List<?>> refuse) {
    return (JobStore)
        Proxy.newProxyInstance(
            JobStore.class.getClassLoader(),
            new Class<?>[] {JobStore.class},
            (proxy, m, args) -> {
              if (m.getName().equals("enqueue")) {
                calls.incrementAndGet();
                gate.await();
                if (refuse.test((List<?>) args[0])) {
                  throw new IllegalStateException("refused");
                }
              }
              try {
                return m.invoke(real, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  private static List<EnqueueResult> enter(
      AtomicInteger entered, IngestBatcher batcher, String record) {
    entered.incrementAndGet();
    return batcher.enqueue(List.of(event(record, null)));
  }

  @Test
  void concurrentDeliveriesShareTransactionsAndEachGetsItsOwnResults() throws Exception {
    InMemoryJobStore real = new InMemoryJobStore(Clock.systemUTC());
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch gate = new CountDownLatch(1);
    IngestBatcher batcher =
        new IngestBatcher(counting(real, calls, gate, l -> false), Duration.ofSeconds(10));
    ExecutorService pool = Executors.newFixedThreadPool(50);
    List<Future<List<EnqueueResult>>> futures = new ArrayList<>();
    AtomicInteger entered = new AtomicInteger();
    for (int i = 0; i < 50; i++) {
      String record = "r" + i;
      futures.add(
          pool.submit(
              () -> {
                entered.incrementAndGet();
                return batcher.enqueue(List.of(event(record, "k-" + record)));
              }));
    }
    // the deliveries queue up behind the first, held, transaction
    Await.until(
        Duration.ofSeconds(10),
        () -> "50 deliveries entered, one transaction held; " + entered + ", " + calls,
        () -> entered.get() == 50 && calls.get() >= 1);
    gate.countDown();
    for (int i = 0; i < 50; i++) {
      EnqueueResult r = futures.get(i).get().get(0);
      assertThat(real.find(r.jobId()).orElseThrow().recordId()).isEqualTo("r" + i);
    }
    pool.shutdown();
    batcher.close();
    assertThat(calls.get()).isLessThan(50);
  }

  @Test
  void eachRecordIsAlwaysWrittenByTheSameWriterSoWritersNeverWaitOnEachOthersRows()
      throws Exception {
    InMemoryJobStore real = new InMemoryJobStore(Clock.systemUTC());
    Map<String, Set<String>> writersByRecord = new ConcurrentHashMap<>();
    JobStore recording =
        (JobStore)
            Proxy.newProxyInstance(
                JobStore.class.getClassLoader(),
                new Class<?>[] {JobStore.class},
                (proxy, m, args) -> {
                  if (m.getName().equals("enqueue")) {
                    for (Object e : (List<?>) args[0]) {
                      writersByRecord
                          .computeIfAbsent(
                              ((ChangeEvent) e).recordId(), r -> ConcurrentHashMap.newKeySet())
                          .add(Thread.currentThread().getName());
                    }
                  }
                  return m.invoke(real, args);
                });
    IngestBatcher batcher = new IngestBatcher(recording, Duration.ofSeconds(10), 3);
    ExecutorService pool = Executors.newFixedThreadPool(20);
    List<Future<List<EnqueueResult>>> futures = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      String record = "r" + (i % 8);
      String key = "k" + i;
      futures.add(pool.submit(() -> batcher.enqueue(List.of(event(record, key)))));
    }
    for (Future<List<EnqueueResult>> f : futures) {
      assertThat(f.get()).hasSize(1);
    }
    pool.shutdown();
    batcher.close();
    assertThat(writersByRecord).hasSize(8);
    writersByRecord.forEach((record, writers) -> assertThat(writers).as(record).hasSize(1));
    assertThat(writersByRecord.values().stream().flatMap(Set::stream).distinct().count())
        .as("the records are spread over the writers")
        .isGreaterThan(1);
  }

  @Test
  void aDeliveryTheStoreRefusesFailsAloneAndTheOthersAreStored() throws Exception {
    InMemoryJobStore real = new InMemoryJobStore(Clock.systemUTC());
    CountDownLatch gate = new CountDownLatch(1);
    Predicate<List<?>> refuseBad =
        l -> l.stream().anyMatch(e -> ((ChangeEvent) e).recordId().equals("bad"));
    AtomicInteger entered = new AtomicInteger();
    AtomicInteger held = new AtomicInteger();
    IngestBatcher batcher =
        new IngestBatcher(counting(real, held, gate, refuseBad), Duration.ofSeconds(10));
    ExecutorService pool = Executors.newFixedThreadPool(3);
    Future<?> good1 = pool.submit(() -> enter(entered, batcher, "g1"));
    Future<?> bad = pool.submit(() -> enter(entered, batcher, "bad"));
    Future<?> good2 = pool.submit(() -> enter(entered, batcher, "g2"));
    // the deliveries queue up behind the first, held, transaction
    Await.until(
        Duration.ofSeconds(10),
        () -> "3 deliveries entered, one transaction held",
        () -> entered.get() == 3 && held.get() >= 1);
    gate.countDown();

    good1.get();
    good2.get();
    assertThatThrownBy(bad::get).hasCauseInstanceOf(IllegalStateException.class);
    assertThat(real.findByRecord("c", "g1")).isPresent();
    assertThat(real.findByRecord("c", "g2")).isPresent();
    assertThat(real.findByRecord("c", "bad")).isEmpty();
    pool.shutdown();
    batcher.close();
  }

  @Test
  void aStoreThatDoesNotAnswerInTimeIsUnavailable() {
    CountDownLatch never = new CountDownLatch(1);
    IngestBatcher batcher =
        new IngestBatcher(
            counting(
                new InMemoryJobStore(Clock.systemUTC()), new AtomicInteger(), never, l -> false),
            Duration.ofMillis(100));
    assertThatThrownBy(() -> batcher.enqueue(List.of(event("r", null))))
        .isInstanceOf(StoreUnavailableException.class);
    never.countDown();
    batcher.close();
  }
}
