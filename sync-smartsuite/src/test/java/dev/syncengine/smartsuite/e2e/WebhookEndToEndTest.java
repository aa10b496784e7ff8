package dev.syncengine.smartsuite.e2e;

import static dev.syncengine.smartsuite.e2e.E2e.PRODUCTS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.SyncEngine;
import dev.syncengine.core.model.ChangeKind;
import dev.syncengine.core.model.IngestionMode;
import dev.syncengine.core.model.JobState;
import dev.syncengine.smartsuite.SmartSuiteSource;
import dev.syncengine.smartsuite.e2e.RecordingStores.Enqueued;
import dev.syncengine.testing.Await;
import dev.syncengine.testing.FakeSink;
import dev.syncengine.testing.smartsuite.SimWebhookDelivery;
import dev.syncengine.testing.smartsuite.SmartSuiteSimulator;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SmartSuite native webhooks through the whole engine: the engine registers the webhook, the
 * simulator pings the ingress (every ping twice, randomly delayed so they arrive out of order), the
 * engine pulls {@code ListEvents} and writes to a recording sink; half way the engine is stopped
 * and a new one resumes over the same stores.
 */
class WebhookEndToEndTest {
  private static final String CONNECTION = "products";
  private static final int CHANGES = 500;

  /** One event as SmartSuite's log has it. */
  private record LoggedEvent(String eventId, String kind, String recordId, Instant version) {}

  /**
   * SmartSuite does not document whether event data is the whole record or only the changed fields,
   * so both run: with whole records the engine writes from the event; with partial data it fetches
   * the record (and finds deleted ones gone).
   */
  @ParameterizedTest(name = "partial event data: {0}")
  @ValueSource(booleans = {false, true})
  void fiveHundredChangesWithDoubledReorderedPingsReachTheSinkOnceEachAcrossAnEngineRestart(
      boolean partialEventData) throws Exception {
    try (SmartSuiteSimulator sim =
            E2e.simulator(
                "e2e-webhook-key-" + partialEventData,
                new SimWebhookDelivery(2, Duration.ofMillis(40), 11L));
        HookReceiver receiver = new HookReceiver()) {
      sim.partialEventData(partialEventData);
      RecordingStores rec = new RecordingStores(Clock.systemUTC());
      FakeSink sink = E2e.recordingSink();
      E2e.connection(rec.stores, CONNECTION, sim, IngestionMode.NATIVE_WEBHOOK);

      SyncEngine a = E2e.engine(rec.stores, E2e.source(sim), sink, receiver, "engine-a");
      receiver.routeTo(a);
      a.admin().registerWebhook(CONNECTION);
      String webhookId = webhookId(rec);
      assertThat(sim.webhookIds()).containsExactly(webhookId);
      String cursorName = "pull:pull:" + webhookId;
      a.start();

      ChangeScript script = new ChangeScript(sim, 42L);
      script.run(CHANGES / 2);
      // Stop engine A part-way: after it has pulled some events, typically not all of them.
      Await.until(Duration.ofSeconds(20), () -> "engine A to pull", () -> pulled(rec).size() >= 50);
      a.close();
      String tokenAtStop = rec.stores.cursors().get(CONNECTION, cursorName).orElse(null);
      int pulledByA = pulled(rec).size();
      assertThat(tokenAtStop).as("ListEvents page token stored under %s", cursorName).isNotNull();

      // Engine B: a new process (new adapter, new engine) over the same stores and sink.
      SyncEngine b = E2e.engine(rec.stores, E2e.source(sim), sink, receiver, "engine-b");
      receiver.routeTo(b);
      b.start();
      script.run(CHANGES - CHANGES / 2);
      assertThat(sim.awaitPingsDelivered(Duration.ofSeconds(30))).isTrue();
      int total = sim.eventCount(webhookId);
      assertThat(total).isEqualTo(CHANGES);
      Await.until(
          Duration.ofSeconds(40),
          () -> "all " + total + " events pulled and written; pulled " + pulled(rec).size(),
          () -> pulled(rec).size() >= total && rec.waiting(CONNECTION) == 0);
      b.close();
      assertThat(script.deletes).isPositive();

      // Every ping was delivered twice, and each was accepted.
      assertThat(sim.pingsDelivered()).isEqualTo(2L * CHANGES);
      assertThat(receiver.answered(202)).isEqualTo(2 * CHANGES);
      assertThat(sim.rateLimitedCount()).isZero();

      // The queue was offered each logged event exactly once: B resumed from A's page token
      // instead of re-reading the log (a re-read would offer A's events again as duplicates).
      List<LoggedEvent> log = eventLog(sim, webhookId);
      List<Enqueued> pulled = pulled(rec);
      assertThat(pulled.size()).as("events offered to the queue by pulls").isEqualTo(total);
      assertThat(pulled.stream().filter(e -> e.result().duplicate()).count())
          .as("events offered twice")
          .isZero();
      assertThat(pulled.stream().map(e -> e.event().idempotencyKey()))
          .containsExactlyElementsOf(log.stream().map(LoggedEvent::eventId).toList());
      assertThat(pulledByA).isBetween(1, total - 1);
      for (int i = 0; i < total; i++) {
        ChangeKind expected =
            log.get(i).kind().equals("RECORD_DELETED") ? ChangeKind.DELETE : ChangeKind.UPSERT;
        assertThat(pulled.get(i).event().kind()).isEqualTo(expected);
        assertThat(pulled.get(i).event().recordId()).isEqualTo(log.get(i).recordId());
      }
      assertThat(rec.stores.jobs().counts(CONNECTION).get(JobState.DEAD)).isZero();

      assertSinkWritesAreOnceEachAndEndAtTheTable(sim, sink, log, !partialEventData);
    }
  }

  /**
   * Checks the sink's writes against the log. {@code strictlyOnce}: each version is written at most
   * once. With partial event data a worker fetches the record as it is now, which can be a version
   * a later event names again; that rewrite carries identical data (a real sink skips it as
   * unchanged), so there versions must only never go backwards.
   */
  private static void assertSinkWritesAreOnceEachAndEndAtTheTable(
      SmartSuiteSimulator sim, FakeSink sink, List<LoggedEvent> log, boolean strictlyOnce) {
    Map<String, Set<String>> versionsByRecord = new HashMap<>();
    for (LoggedEvent e : log) {
      if (!e.kind().equals("RECORD_DELETED")) {
        versionsByRecord
            .computeIfAbsent(e.recordId(), k -> new HashSet<>())
            .add(e.version().toString());
      }
    }
    assertThat(sink.duplicateCreates).isEmpty();
    for (Map.Entry<String, Set<String>> r : versionsByRecord.entrySet()) {
      List<FakeSink.Received> writes = sink.receivedFor(r.getKey());
      Instant last = Instant.MIN;
      for (int i = 0; i < writes.size(); i++) {
        FakeSink.Received w = writes.get(i);
        if (w.kind().equals("delete")) {
          assertThat(i)
              .as("a delete is the last write of %s", r.getKey())
              .isEqualTo(writes.size() - 1);
          continue;
        }
        // Each written version is one the log holds, and each is written once, oldest first.
        assertThat(r.getValue()).contains(w.version());
        Instant v = Instant.parse(w.version());
        if (strictlyOnce) {
          assertThat(v).as("versions of %s written once, moving forward", r.getKey()).isAfter(last);
        } else {
          assertThat(v).as("versions of %s never go back", r.getKey()).isAfterOrEqualTo(last);
        }
        last = v;
      }
    }

    Map<String, ObjectNode> items = sink.itemsByRecord();
    List<ObjectNode> table = sim.records(PRODUCTS);
    assertThat(items.keySet())
        .containsExactlyInAnyOrderElementsOf(
            table.stream().map(r -> r.path("id").asText()).toList());
    for (ObjectNode r : table) {
      ObjectNode item = items.get(r.path("id").asText());
      Instant newest = Instant.parse(r.path("last_updated").path("on").asText());
      assertThat(Instant.parse(item.path("_version").asText())).isEqualTo(newest);
      assertThat(item.path("name").asText()).isEqualTo(r.path("title").asText());
      assertThat(item.path("s_price").decimalValue())
          .isEqualByComparingTo(new BigDecimal(r.path("s_price").asText()));
      String colour = r.path("s_colour").asText("");
      assertThat(item.path("s_colour").asText(""))
          .isEqualTo(colour.equals("c1") ? "Red" : colour.equals("c2") ? "Blue" : "");
    }
  }

  private static String webhookId(RecordingStores rec) {
    return rec.stores
        .connections()
        .find(CONNECTION)
        .orElseThrow()
        .options()
        .get(SmartSuiteSource.OPTION_WEBHOOK_ID);
  }

  /** Events the engine offered to the queue from ListEvents pulls (they carry event ids). */
  private static List<Enqueued> pulled(RecordingStores rec) {
    return rec.enqueued.stream()
        .filter(e -> e.event().kind() != ChangeKind.PULL && e.event().idempotencyKey() != null)
        .toList();
  }

  private static List<LoggedEvent> eventLog(SmartSuiteSimulator sim, String webhookId) {
    return E2e.client(sim).listEvents(webhookId, 1000, null).events().stream()
        .map(
            e -> {
              var red = e.path("record_event_data");
              // Whole-record data carries last_updated; partial data only the event's time,
              // which the simulator stamps as the record's last_updated.
              String on = red.path("data").path("last_updated").path("on").asText("");
              return new LoggedEvent(
                  e.path("event_id").asText(),
                  e.path("kind").asText(),
                  red.path("record_id").asText(),
                  Instant.parse(on.isEmpty() ? e.path("event_at").asText() : on));
            })
        .toList();
  }
}
