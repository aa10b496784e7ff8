package dev.syncengine.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.syncengine.testing.Await;
import dev.syncengine.testing.FakeSink;
import dev.syncengine.testing.FakeSource;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Workers write at once while the sink has a free request slot and gather only while it has none:
 * the default settings have no linger, the sink's {@code untilNextWrite} paces the claims (issue
 * #16).
 */
class WriteSlotTest {
  /** While the slot is taken the limiter answers this wait, again and again until it opens. */
  private static final Duration CLOSED_WAIT = Duration.ofMillis(100);

  /**
   * A sink limiter whose slot a write takes and only the test gives back: no wall-clock deadline,
   * so a slow machine cannot make the changes below miss the window.
   */
  private static void takeTheSlotOnEachWrite(
      FakeSink sink, AtomicBoolean open, AtomicInteger askedWhileClosed) {
    sink.untilNextWrite =
        () -> {
          if (open.get()) {
            return Duration.ZERO;
          }
          askedWhileClosed.incrementAndGet();
          return CLOSED_WAIT;
        };
    sink.afterWrite = () -> open.set(false);
  }

  private static WorkerSettings defaults() {
    WorkerSettings d = WorkerSettings.ofDefaults();
    assertThat(d.linger()).isEqualTo(Duration.ZERO);
    return new WorkerSettings(
        d.concurrency(), 50, Duration.ofMillis(50), d.lease(), Duration.ofSeconds(5), d.linger());
  }

  @Test
  void aChangeIsWrittenAtOnceAndThoseArrivingWhileTheSlotIsTakenShareTheNextWrite()
      throws Exception {
    EngineFixture f = new EngineFixture(Clock.systemUTC());
    AtomicBoolean open = new AtomicBoolean(true);
    AtomicInteger asked = new AtomicInteger();
    takeTheSlotOnEachWrite(f.sink, open, asked);
    SyncEngine engine = f.engine(defaults(), "w");
    engine.start();
    try {
      ingest(engine, f, "r0", "first");
      awaitUntil(() -> f.sink.items.size() == 1 && !open.get(), Duration.ofSeconds(5));
      // The slot is taken: these arrive one by one meanwhile, and workers see them but wait...
      for (int i = 1; i <= 5; i++) {
        ingest(engine, f, "r" + i, "n" + i);
      }
      // ...for the slot: several rounds of asking after the last one arrived, so none is still
      // between its claim and its write when the slot opens.
      asked.set(0);
      awaitUntil(() -> asked.get() >= 4, Duration.ofSeconds(5));
      assertThat(f.sink.calls.get()).isEqualTo(1);
      open.set(true);
      awaitUntil(() -> f.sink.items.size() == 6, Duration.ofSeconds(10));
    } finally {
      engine.stop();
    }
    // ...and go out together when it opens, not one request each.
    assertThat(f.sink.calls.get()).isEqualTo(2);
  }

  @Test
  void aPullDoesNotWaitForTheWriteSlot() throws Exception {
    EngineFixture f = new EngineFixture(Clock.systemUTC());
    AtomicLong nextSlot = new AtomicLong(System.nanoTime() + Duration.ofMinutes(1).toNanos());
    f.sink.untilNextWrite = () -> Duration.ofNanos(Math.max(0, nextSlot.get() - System.nanoTime()));
    SyncEngine engine = f.engine(defaults(), "w");
    engine.start();
    try {
      ArrayNode events = FakeSource.JSON.createArrayNode();
      events.add(EngineFixture.event("p1", "feed-1", "PULL", 1000, null));
      assertThat(engine.ingest(EngineFixture.CONNECTION, f.signed(events)))
          .isInstanceOf(IngestResult.Accepted.class);
      // The sink has no slot for a minute; the pull (which writes nothing) runs regardless.
      awaitUntil(() -> f.source.pulled.contains("feed-1"), Duration.ofSeconds(10));
      assertThat(f.sink.calls.get()).isZero();
    } finally {
      engine.stop();
    }
  }

  private static void awaitUntil(BooleanSupplier done, Duration timeout) throws Exception {
    Await.until(timeout, () -> "the condition", done);
  }

  private static void ingest(SyncEngine engine, EngineFixture f, String record, String name) {
    ArrayNode one = FakeSource.JSON.createArrayNode();
    one.add(EngineFixture.event("e-" + record, record, "UPSERT", 1000, name));
    assertThat(engine.ingest(EngineFixture.CONNECTION, f.signed(one)))
        .isInstanceOf(IngestResult.Accepted.class);
  }
}
