package dev.syncengine.smartsuite.e2e;

import static dev.syncengine.smartsuite.e2e.E2e.PRODUCTS;
import static dev.syncengine.smartsuite.e2e.E2e.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.syncengine.core.SyncEngine;
import dev.syncengine.core.model.IngestionMode;
import dev.syncengine.smartsuite.SmartSuiteSource;
import dev.syncengine.testing.FakeSink;
import dev.syncengine.testing.smartsuite.SimWebhookDelivery;
import dev.syncengine.testing.smartsuite.SmartSuiteSimulator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Webhook upkeep through the engine: SmartSuite disables quiet or failing webhooks and forgets
 * disabled ones; {@link SyncEngine#maintainNow()} re-enables or re-creates them, and the connection
 * keeps receiving changes.
 */
class WebhookUpkeepEndToEndTest {
  private static final String CONNECTION = "kept";

  @Test
  void maintenanceReEnablesADisabledWebhookAndReCreatesARemovedOne() throws Exception {
    try (SmartSuiteSimulator sim = E2e.simulator("e2e-upkeep-key", SimWebhookDelivery.once());
        HookReceiver receiver = new HookReceiver()) {
      RecordingStores rec = new RecordingStores(Clock.systemUTC());
      FakeSink sink = E2e.recordingSink();
      E2e.connection(rec.stores, CONNECTION, sim, IngestionMode.NATIVE_WEBHOOK);
      try (SyncEngine engine = E2e.engine(rec.stores, E2e.source(sim), sink, receiver, "keeper")) {
        receiver.routeTo(engine);
        engine.admin().registerWebhook(CONNECTION);
        String first = webhookId(rec);
        assertThat(sim.webhookIds()).containsExactly(first);
        assertThat(engine.webhookStatus(CONNECTION)).containsEntry("status", "enabled");

        engine.maintainNow();
        Map<String, String> healthy = engine.webhookStatus(CONNECTION);
        assertThat(healthy).containsEntry("status", "enabled").containsKey("checkedAt");
        assertThat(Instant.parse(healthy.get("expires_at"))).isAfter(Instant.now());

        sim.disableWebhook(first);
        engine.maintainNow();
        assertThat(sim.webhookEnabled(first)).isTrue();
        Map<String, String> reEnabled = engine.webhookStatus(CONNECTION);
        assertThat(reEnabled).containsEntry("status", "re-enabled");
        assertThat(Instant.parse(reEnabled.get("expires_at"))).isAfter(Instant.now());
        assertThat(webhookId(rec)).isEqualTo(first);
        assertDelivered(sim, engine, sink, "After re-enabling");

        sim.removeWebhook(first);
        engine.maintainNow();
        String second = webhookId(rec);
        assertThat(second).isNotNull().isNotEqualTo(first);
        assertThat(sim.webhookIds()).containsExactly(second);
        assertThat(engine.webhookStatus(CONNECTION)).containsEntry("status", "re-created");

        engine.maintainNow();
        Map<String, String> after = engine.webhookStatus(CONNECTION);
        assertThat(after).containsEntry("status", "enabled");
        assertThat(Instant.parse(after.get("expires_at"))).isAfter(Instant.now());
        // The re-created webhook's pings are accepted: the engine stored its id.
        assertDelivered(sim, engine, sink, "After re-creating");
        assertThat(receiver.answered(401)).isZero();
      }
    }
  }

  /** Creates a record in SmartSuite and checks it reaches the sink through ping and pull. */
  private static void assertDelivered(
      SmartSuiteSimulator sim, SyncEngine engine, FakeSink sink, String title)
      throws InterruptedException {
    String id =
        sim.createRecord(PRODUCTS, json("{\"title\":\"" + title + "\"}")).path("id").asText();
    assertThat(sim.awaitPingsDelivered(Duration.ofSeconds(10))).isTrue();
    while (engine.runOnce().claimed() > 0) {
      // the pull, then the change it found
    }
    assertThat(sink.itemsByRecord().get(id)).isNotNull();
    assertThat(sink.itemsByRecord().get(id).path("name").asText()).isEqualTo(title);
  }

  private static String webhookId(RecordingStores rec) {
    return rec.stores
        .connections()
        .find(CONNECTION)
        .orElseThrow()
        .options()
        .get(SmartSuiteSource.OPTION_WEBHOOK_ID);
  }
}
