package dev.syncengine.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.syncengine.testing.Await;
import dev.syncengine.testing.FakeSource;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LingerTest {

  private static void awaitItems(EngineFixture f, int n) throws InterruptedException {
    Await.until(Duration.ofSeconds(10), () -> n + " items written", () -> f.sink.items.size() >= n);
    assertThat(f.sink.items).hasSize(n);
  }

  @Test
  void changesArrivingWhileAWorkerLingersShareOneWrite() throws Exception {
    EngineFixture f = new EngineFixture(Clock.systemUTC());
    WorkerSettings lingering =
        new WorkerSettings(
            1,
            50,
            Duration.ofMillis(20),
            Duration.ofMinutes(1),
            Duration.ofSeconds(5),
            Duration.ofSeconds(1));
    SyncEngine engine = f.engine(lingering, "w");
    engine.start();
    try {
      ArrayNode first = FakeSource.JSON.createArrayNode();
      first.add(EngineFixture.event("e0", "r0", "UPSERT", 1000, "first"));
      engine.ingest(EngineFixture.CONNECTION, f.signed(first));
      awaitItems(f, 1);

      // The worker now lingers (its batch of 1 was not full): these arrive one by one...
      for (int i = 1; i <= 5; i++) {
        ArrayNode one = FakeSource.JSON.createArrayNode();
        one.add(EngineFixture.event("e" + i, "r" + i, "UPSERT", 1000, "n" + i));
        engine.ingest(EngineFixture.CONNECTION, f.signed(one));
      }
      awaitItems(f, 6);
    } finally {
      engine.stop();
    }
    // ...and are written together.
    assertThat(f.sink.calls.get()).isEqualTo(2);
  }
}
