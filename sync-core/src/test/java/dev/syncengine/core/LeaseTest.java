package dev.syncengine.core;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.syncengine.core.internal.WorkerPool;
import dev.syncengine.core.model.JobState;
import dev.syncengine.core.spi.JobStore;
import dev.syncengine.core.spi.Stores;
import dev.syncengine.testing.Await;
import dev.syncengine.testing.FakeSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Leases on the real clock: a live worker keeps what it holds however long its write takes, and a
 * restarted engine pulls at once what was announced while it was down.
 */
class LeaseTest {

  @Test
  void aSlowButLiveWorkerKeepsItsClaimPastTheLeaseAndIsNeverRobbed() throws Exception {
    EngineFixture f = new EngineFixture(Clock.systemUTC());
    Duration lease = Duration.ofSeconds(1);
    SyncEngine slow = f.engine(EngineFixture.workers(1, lease), "slow");
    SyncEngine other = f.engine(EngineFixture.workers(1, lease), "other");
    ArrayNode events = FakeSource.JSON.createArrayNode();
    events.add(EngineFixture.event("e1", "rec1", "UPSERT", 1000, "Name"));
    slow.ingest(EngineFixture.CONNECTION, f.signed(events));

    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    f.sink.afterWrite =
        () -> {
          writing.countDown();
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        };
    slow.start();
    try {
      assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
      // Four leases long, the other engine keeps trying; the renewer must hold the claim.
      long until = System.nanoTime() + lease.multipliedBy(4).toNanos();
      int stolen = 0;
      while (System.nanoTime() < until) {
        stolen += other.runOnce(1).claimed();
        // Not a wait: the other engine's attempts are paced over the four leases under test.
        Thread.sleep(50);
      }
      assertThat(stolen).as("jobs the other engine claimed while the write ran").isZero();
      release.countDown();
      Await.until(
          Duration.ofSeconds(10),
          () -> "the job done once the write is released",
          () -> f.stores.jobs().counts(null).getOrDefault(JobState.DONE, 0L) > 0);
    } finally {
      release.countDown();
      slow.close();
    }
    assertThat(f.sink.calls).hasValue(1);
    assertThat(f.stores.jobs().counts(null).get(JobState.DONE)).isEqualTo(1L);
  }

  @Test
  void startingQueuesTheSourcesCatchUpPullsForActiveConnections() throws Exception {
    EngineFixture f = new EngineFixture(Clock.systemUTC());
    f.source.catchUpKeys.add("pull:w1");
    SyncEngine engine = f.engine(EngineFixture.workers(1, Duration.ofSeconds(5)), "e");
    try {
      engine.start();
      Await.until(
          Duration.ofSeconds(10), () -> "a catch-up pull", () -> !f.source.pulled.isEmpty());
    } finally {
      engine.close();
    }
    assertThat(f.source.pulled).containsExactly("pull:w1");
  }

  @Test
  void aPausedConnectionGetsNoCatchUpPull() throws Exception {
    EngineFixture f = new EngineFixture(Clock.systemUTC());
    f.stores.connections().save(f.connection.toBuilder().paused(true).build());
    f.source.catchUpKeys.add("pull:w1");
    SyncEngine engine = f.engine(EngineFixture.workers(1, Duration.ofSeconds(5)), "e");
    try {
      engine.start();
      // An absence can only be checked for a while: 300 ms, long enough for an unpaused
      // connection's catch-up pull (the test above sees one within milliseconds).
      Thread.sleep(300);
    } finally {
      engine.close();
    }
    assertThat(f.source.pulled).isEmpty();
    assertThat(f.stores.jobs().counts(null).getOrDefault(JobState.PENDING, 0L)).isZero();
  }

  @Test
  void aBatchRecordedWhileTheRenewerRunsIsNotReportedAsALapsedLease() throws Exception {
    EngineFixture f = new EngineFixture(Clock.systemUTC());
    Duration lease = Duration.ofSeconds(1); // renewed every 250 ms
    JobStore real = f.stores.jobs();
    // The completion commits, then the worker is slow to move on (a log append, a GC pause):
    // renewals run in between.
    JobStore slowToMoveOn =
        (JobStore)
            Proxy.newProxyInstance(
                JobStore.class.getClassLoader(),
                new Class<?>[] {JobStore.class},
                (proxy, method, args) -> {
                  Object result;
                  try {
                    result = method.invoke(real, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                  if (method.getName().equals("complete")) {
                    Thread.sleep(800); // the slowness under test, three renewal rounds
                  }
                  return result;
                });
    Stores stores =
        new Stores(
            slowToMoveOn,
            f.stores.connections(),
            f.stores.idMap(),
            f.stores.cursors(),
            f.stores.eventLog());
    Logger pool = (Logger) LoggerFactory.getLogger(WorkerPool.class);
    ListAppender<ILoggingEvent> warnings = new ListAppender<>();
    warnings.start();
    pool.addAppender(warnings);
    SyncEngine engine =
        SyncEngine.builder()
            .stores(stores)
            .source(f.source)
            .sink(f.sink)
            .mappingCompiler(EngineFixture.COMPILER)
            .workers(EngineFixture.workers(1, lease))
            .owner("e")
            .configCacheTtl(Duration.ZERO)
            .build();
    ArrayNode events = FakeSource.JSON.createArrayNode();
    events.add(EngineFixture.event("e1", "rec1", "UPSERT", 1000, "Name"));
    engine.ingest(EngineFixture.CONNECTION, f.signed(events));
    try {
      engine.start();
      Await.until(
          Duration.ofSeconds(10),
          () -> "the job done",
          () -> real.counts(null).getOrDefault(JobState.DONE, 0L) > 0);
      assertThat(real.counts(null).get(JobState.DONE)).isEqualTo(1L);
      engine.close(); // its last renewal round included
    } finally {
      pool.detachAppender(warnings);
      engine.close();
    }
    assertThat(warnings.list)
        .filteredOn(e -> e.getLevel() == Level.WARN)
        .extracting(ILoggingEvent::getFormattedMessage)
        .isEmpty();
  }
}
