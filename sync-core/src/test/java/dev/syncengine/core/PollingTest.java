package dev.syncengine.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.model.IngestionMode;
import dev.syncengine.testing.FakeSource;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PollingTest {

  private static ObjectNode record(String name, long v) {
    ObjectNode r = FakeSource.JSON.createObjectNode();
    r.put("name", name);
    r.put("v", v);
    return r;
  }

  @Test
  void pollingQueuesOnlyRecordsChangedSinceTheyWereWritten() {
    EngineFixture f = new EngineFixture(Clock.systemUTC());
    f.stores
        .connections()
        .save(f.connection.toBuilder().ingestionMode(IngestionMode.POLLING).build());
    for (int i = 0; i < 30; i++) {
      f.source.records.put("r" + i, record("N" + i, 1000));
    }
    SyncEngine engine = f.engine(EngineFixture.workers(1, Duration.ofMinutes(1)), "w");

    assertThat(engine.pollNow(EngineFixture.CONNECTION)).isEqualTo(30);
    while (engine.runOnce().claimed() > 0) {
      // drain
    }
    f.source.records.put("r3", record("Changed", 2000));

    assertThat(engine.pollNow(EngineFixture.CONNECTION)).isEqualTo(1);
    engine.runOnce();
    assertThat(f.sink.itemFor("r-r3").get("name").asText()).isEqualTo("Changed");
    assertThat(f.sink.items).hasSize(30);
  }

  @Test
  void registeringAWebhookWithoutAPublicUrlSaysWhatIsMissing() {
    EngineFixture f = new EngineFixture(Clock.systemUTC());
    SyncEngine engine = f.engine(EngineFixture.workers(1, Duration.ofMinutes(1)), "w");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> engine.admin().registerWebhook(EngineFixture.CONNECTION))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("webhookUrl");
  }
}
