package dev.syncengine.smartsuite.e2e;

import static dev.syncengine.smartsuite.e2e.E2e.PRODUCTS;
import static dev.syncengine.smartsuite.e2e.E2e.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.IngestRequest;
import dev.syncengine.core.IngestResult;
import dev.syncengine.core.SyncEngine;
import dev.syncengine.core.model.IngestionMode;
import dev.syncengine.testing.FakeSink;
import dev.syncengine.testing.smartsuite.SimWebhookDelivery;
import dev.syncengine.testing.smartsuite.SmartSuiteSimulator;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Polling mode through the engine: no webhook, the engine lists what changed since last time. */
class PollingEndToEndTest {
  private static final String CONNECTION = "polled";

  @Test
  void pollingBringsChangesMadeInSmartSuiteToTheSinkAndAPollWithoutChangesQueuesNothing()
      throws Exception {
    try (SmartSuiteSimulator sim = E2e.simulator("e2e-polling-key", SimWebhookDelivery.once())) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        String body = "{\"title\":\"Poll " + i + "\",\"s_price\":\"" + i + ".50\"}";
        ids.add(sim.createRecord(PRODUCTS, json(body)).path("id").asText());
      }
      RecordingStores rec = new RecordingStores(Clock.systemUTC());
      FakeSink sink = E2e.recordingSink();
      E2e.connection(rec.stores, CONNECTION, sim, IngestionMode.POLLING);
      try (SyncEngine engine = E2e.engine(rec.stores, E2e.source(sim), sink, null, "poller")) {
        // A polling connection accepts no deliveries.
        IngestResult refused =
            engine.ingest(
                CONNECTION, IngestRequest.builder("{\"webhookId\":\"x\"}".getBytes()).build());
        assertThat(refused).isInstanceOf(IngestResult.Unauthorized.class);

        assertThat(engine.pollNow(CONNECTION)).isEqualTo(20);
        drain(engine);
        assertThat(sink.itemsByRecord().keySet()).containsExactlyInAnyOrderElementsOf(ids);

        sim.updateRecord(PRODUCTS, ids.get(3), json("{\"title\":\"Renamed\"}"));
        sim.updateRecord(
            PRODUCTS, ids.get(17), json("{\"s_price\":\"99.00\",\"s_colour\":\"c1\"}"));
        sim.updateRecord(PRODUCTS, ids.get(3), json("{\"s_live\":true}"));
        String added = sim.createRecord(PRODUCTS, json("{\"title\":\"New\"}")).path("id").asText();
        int writesBefore = sink.received.size();

        assertThat(engine.pollNow(CONNECTION)).isEqualTo(3);
        drain(engine);

        assertThat(sink.received.subList(writesBefore, sink.received.size()))
            .extracting(FakeSink.Received::recordId)
            .containsExactlyInAnyOrder(ids.get(3), ids.get(17), added);
        Map<String, ObjectNode> items = sink.itemsByRecord();
        assertThat(items).hasSize(21);
        assertThat(items.get(ids.get(3)).path("name").asText()).isEqualTo("Renamed");
        assertThat(items.get(ids.get(3)).path("s_live").asBoolean()).isTrue();
        assertThat(items.get(ids.get(17)).path("s_price").decimalValue())
            .isEqualByComparingTo("99.00");
        assertThat(items.get(ids.get(17)).path("s_colour").asText()).isEqualTo("Red");
        for (ObjectNode r : sim.records(PRODUCTS)) {
          assertThat(Instant.parse(items.get(r.path("id").asText()).path("_version").asText()))
              .isEqualTo(Instant.parse(r.path("last_updated").path("on").asText()));
        }

        int enqueuedBefore = rec.enqueued.size();
        writesBefore = sink.received.size();
        assertThat(engine.pollNow(CONNECTION)).isZero();
        assertThat(rec.enqueued).hasSize(enqueuedBefore);
        assertThat(engine.runOnce().claimed()).isZero();
        assertThat(sink.received).hasSize(writesBefore);
      }
    }
  }

  private static void drain(SyncEngine engine) {
    while (engine.runOnce().claimed() > 0) {
      // each pass claims, fetches, maps and writes one or more batches
    }
  }
}
