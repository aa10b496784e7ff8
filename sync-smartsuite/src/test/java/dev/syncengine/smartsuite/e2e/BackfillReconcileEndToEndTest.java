package dev.syncengine.smartsuite.e2e;

import static dev.syncengine.smartsuite.e2e.E2e.PRODUCTS;
import static dev.syncengine.smartsuite.e2e.E2e.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.BackfillStatus;
import dev.syncengine.core.SyncEngine;
import dev.syncengine.core.model.IngestionMode;
import dev.syncengine.core.model.JobState;
import dev.syncengine.testing.Await;
import dev.syncengine.testing.FakeSink;
import dev.syncengine.testing.smartsuite.SimWebhookDelivery;
import dev.syncengine.testing.smartsuite.SmartSuiteSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Backfill and reconcile through the engine against the simulator at SmartSuite's real limit of 5
 * requests per second: listing pages and fetching records for the workers share one budget.
 */
class BackfillReconcileEndToEndTest {
  private static final String CONNECTION = "catalogue";
  private static final int RECORDS = 2000;

  private record Progress(String state, long done, long total) {}

  @Test
  void
      backfillOf2000RecordsStaysWithin5RequestsPerSecondReportsProgressThenReconcileAppliesOnlyMissedChanges()
          throws Exception {
    try (SmartSuiteSimulator sim = E2e.simulator("e2e-backfill-key", SimWebhookDelivery.once())) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < RECORDS; i++) {
        String body = "{\"title\":\"Item " + i + "\",\"s_price\":\"" + i + ".10\"}";
        ids.add(sim.createRecord(PRODUCTS, json(body)).path("id").asText());
      }
      RecordingStores rec = new RecordingStores(Clock.systemUTC());
      FakeSink sink = E2e.recordingSink();
      E2e.connection(rec.stores, CONNECTION, sim, IngestionMode.NATIVE_WEBHOOK);
      SyncEngine engine = E2e.engine(rec.stores, E2e.source(sim), sink, null, "engine");
      sim.clearRequests();
      engine.start();
      try {
        List<BackfillStatus> seen = new CopyOnWriteArrayList<>();
        engine.admin().backfill(CONNECTION);
        Await.until(
            Duration.ofSeconds(30),
            () -> "backfill written; last status " + engine.admin().backfillStatus(CONNECTION),
            () -> {
              engine.admin().backfillStatus(CONNECTION).ifPresent(seen::add);
              return done(engine) && sink.itemsByRecord().size() == RECORDS;
            });
        Await.until(
            Duration.ofSeconds(5), () -> "queue drained", () -> rec.waiting(CONNECTION) == 0);

        // Pacing: never more than 5 requests in any second, and never answered 429.
        assertThat(sim.rateLimitedCount()).isZero();
        assertThat(sim.maxRequestsInAnyWindow(Duration.ofSeconds(1))).isLessThanOrEqualTo(5);
        // Listed records are queued with their raw data, so workers do not fetch them again:
        // 2 pages of 1,000 (the documented maximum) plus the schema, not one more call per batch
        // of records.
        assertThat(sim.requests().size()).as("requests made").isBetween(3, 6);

        // Progress moves up page by page to 2000/2000.
        List<Progress> progress = progress(rec, "backfill.status");
        assertThat(progress).extracting(Progress::done).isSorted();
        assertThat(progress.stream().map(Progress::done).filter(d -> d > 0 && d < RECORDS))
            .as("intermediate progress")
            .isNotEmpty();
        assertThat(progress.stream().filter(p -> p.done() > 0).map(Progress::total))
            .containsOnly((long) RECORDS);
        assertThat(progress.get(progress.size() - 1))
            .isEqualTo(new Progress("DONE", RECORDS, RECORDS));
        assertThat(seen).extracting(BackfillStatus::done).isSorted();
        BackfillStatus finished = engine.admin().backfillStatus(CONNECTION).orElseThrow();
        assertThat(finished.state()).isEqualTo(BackfillStatus.State.DONE);
        assertThat(finished.done()).isEqualTo(RECORDS);
        assertThat(finished.total()).isEqualTo(RECORDS);

        // Every record written once, as it is in SmartSuite.
        assertThat(sink.received).hasSize(RECORDS);
        assertThat(sink.received.stream().map(FakeSink.Received::recordId))
            .containsExactlyInAnyOrderElementsOf(ids);
        Map<String, ObjectNode> items = sink.itemsByRecord();
        assertThat(items.get(ids.get(1234)).path("name").asText()).isEqualTo("Item 1234");
        assertThat(items.get(ids.get(1234)).path("s_price").decimalValue())
            .isEqualByComparingTo("1234.10");

        // Changes made while no webhook was listening: 3 deletes, 5 edits.
        List<String> deleted = List.of(ids.get(7), ids.get(900), ids.get(1999));
        List<String> edited =
            List.of(ids.get(0), ids.get(13), ids.get(501), ids.get(1500), ids.get(1998));
        deleted.forEach(id -> sim.deleteRecord(PRODUCTS, id));
        for (String id : edited) {
          sim.updateRecord(PRODUCTS, id, json("{\"title\":\"Edited " + id + "\"}"));
        }
        int writesBefore = sink.received.size();
        sim.clearRequests();

        engine.admin().reconcile(CONNECTION);
        Await.until(
            Duration.ofSeconds(30),
            () -> "reconcile applied; status " + engine.admin().backfillStatus(CONNECTION),
            () ->
                done(engine)
                    && rec.waiting(CONNECTION) == 0
                    && sink.received.size() >= writesBefore + 8);

        BackfillStatus reconciled = engine.admin().backfillStatus(CONNECTION).orElseThrow();
        assertThat(reconciled.kind()).isEqualTo("reconcile");
        assertThat(reconciled.state()).isEqualTo(BackfillStatus.State.DONE);
        assertThat(reconciled.deletions()).isEqualTo(3);
        List<FakeSink.Received> applied = sink.received.subList(writesBefore, sink.received.size());
        Set<String> expected = new HashSet<>();
        deleted.forEach(id -> expected.add("delete " + id));
        edited.forEach(id -> expected.add("upsert " + id));
        assertThat(applied.stream().map(w -> w.kind() + " " + w.recordId()))
            .containsExactlyInAnyOrderElementsOf(expected);
        items = sink.itemsByRecord();
        assertThat(items).hasSize(RECORDS - 3).doesNotContainKeys(deleted.toArray(String[]::new));
        for (String id : edited) {
          assertThat(items.get(id).path("name").asText()).isEqualTo("Edited " + id);
        }
        assertThat(rec.stores.jobs().counts(CONNECTION).get(JobState.DEAD)).isZero();
        assertThat(sim.rateLimitedCount()).isZero();
        assertThat(sim.maxRequestsInAnyWindow(Duration.ofSeconds(1))).isLessThanOrEqualTo(5);
      } finally {
        engine.close();
      }
    }
  }

  private static boolean done(SyncEngine engine) {
    return engine
        .admin()
        .backfillStatus(CONNECTION)
        .map(s -> s.state() == BackfillStatus.State.DONE)
        .orElse(false);
  }

  /** Every progress record the engine saved for one run kind, in order. */
  private static List<Progress> progress(RecordingStores rec, String name) {
    List<Progress> out = new ArrayList<>();
    for (RecordingStores.CursorWrite w : rec.cursorWrites) {
      if (w.connectionId().equals(CONNECTION) && w.name().equals(name)) {
        try {
          JsonNode s = E2e.JSON.readTree(w.value());
          out.add(
              new Progress(
                  s.path("state").asText(), s.path("done").asLong(), s.path("total").asLong()));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return out;
  }
}
