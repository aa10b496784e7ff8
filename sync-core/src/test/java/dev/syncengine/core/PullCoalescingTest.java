package dev.syncengine.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.syncengine.testing.Await;
import dev.syncengine.testing.FakeSource;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Pings for one webhook coalesce: while a pull is in flight, any number of pings leave one pull
 * pending behind it, never a second pull beside it (issue #16).
 */
class PullCoalescingTest {
  @Test
  void pingsDuringAPullLeaveOneFollowUpAndNeverRunTwoPullsAtOnce() throws Exception {
    EngineFixture f = new EngineFixture(Clock.systemUTC());
    CountDownLatch inFlight = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    AtomicInteger calls = new AtomicInteger();
    f.source.onPull =
        () -> {
          mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
          try {
            if (calls.incrementAndGet() == 1) {
              inFlight.countDown();
              release.await(10, TimeUnit.SECONDS);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            running.decrementAndGet();
          }
        };
    WorkerSettings four =
        new WorkerSettings(
            4, 50, Duration.ofMillis(20), Duration.ofMinutes(1), Duration.ofSeconds(5));
    SyncEngine engine = f.engine(four, "w");
    engine.start();
    try {
      ping(engine, f, "p0");
      assertThat(inFlight.await(10, TimeUnit.SECONDS)).isTrue();
      for (int i = 1; i <= 20; i++) {
        ping(engine, f, "p" + i);
      }
      // An absence can only be checked for a while: idle workers had 200 ms to start a second pull.
      Thread.sleep(200);
      assertThat(calls.get()).isEqualTo(1);
      release.countDown();
      // the follow-up runs, then nothing is left to pull
      Await.until(
          Duration.ofSeconds(10),
          () -> "the follow-up pull, and no pull left waiting",
          () -> calls.get() >= 2 && waiting(f) == 0);
      assertThat(waiting(f)).isZero();
    } finally {
      engine.stop();
    }
    assertThat(calls.get()).isEqualTo(2);
    assertThat(mostAtOnce.get()).isEqualTo(1);
  }

  private static long waiting(EngineFixture f) {
    var counts = f.stores.jobs().counts(EngineFixture.CONNECTION);
    return counts.getOrDefault(dev.syncengine.core.model.JobState.PENDING, 0L)
        + counts.getOrDefault(dev.syncengine.core.model.JobState.CLAIMED, 0L);
  }

  private static void ping(SyncEngine engine, EngineFixture f, String id) {
    ArrayNode events = FakeSource.JSON.createArrayNode();
    events.add(EngineFixture.event(id, "feed-1", "PULL", 1000, null));
    assertThat(engine.ingest(EngineFixture.CONNECTION, f.signed(events)))
        .isInstanceOf(IngestResult.Accepted.class);
  }
}
