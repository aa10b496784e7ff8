package dev.syncengine.smartsuite;

import static dev.syncengine.smartsuite.SimFixture.PRODUCTS;
import static dev.syncengine.smartsuite.SimFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.IngestionMode;
import dev.syncengine.core.model.SourceRecord;
import dev.syncengine.core.spi.SourceAdapter.RecordPage;
import dev.syncengine.testing.TestClock;
import dev.syncengine.testing.smartsuite.SmartSuiteSimulator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class BackfillRateLimitSimulatorTest {

  private record Progress(long done, long total) {}

  @Test
  void twoConcurrentBackfillsOf2000RecordsStayWithin5RequestsPerSecondAndReportProgress()
      throws Exception {
    // On virtual time: the client's rate limiter moves the clock the simulator stamps requests by.
    TestClock clock = TestClock.at(Instant.parse("2026-06-01T00:00:00Z"));
    VirtualTime ticker = new VirtualTime(clock);
    try (SmartSuiteSimulator sim =
        SmartSuiteSimulator.builder().apiKey("backfill-key").clock(clock).start()) {
      SimFixture.createTables(sim);
      for (int i = 0; i < 2000; i++) {
        sim.createRecord(PRODUCTS, json("{\"title\":\"P" + i + "\",\"s_price\":\"" + i + ".10\"}"));
      }
      List<String> ids = sim.records(PRODUCTS).stream().map(r -> r.path("id").asText()).toList();
      sim.clearRequests();
      // Two connections (and two adapter instances) share one API key, hence one budget.
      ConnectionConfig a = SimFixture.connection("a", sim, IngestionMode.POLLING, "t");
      ConnectionConfig b = SimFixture.connection("b", sim, IngestionMode.POLLING, "t");
      List<Progress> progressA = new CopyOnWriteArrayList<>();
      List<Progress> progressB = new CopyOnWriteArrayList<>();

      CompletableFuture<List<String>> runA =
          CompletableFuture.supplyAsync(() -> backfill(source(sim, ticker), a, progressA));
      CompletableFuture<List<String>> runB =
          CompletableFuture.supplyAsync(() -> backfill(source(sim, ticker), b, progressB));

      assertThat(runA.get()).containsExactlyElementsOf(ids);
      assertThat(runB.get()).containsExactlyElementsOf(ids);
      assertThat(progressA).hasSize(20).last().isEqualTo(new Progress(2000, 2000));
      assertThat(progressA).extracting(Progress::done).isSorted();
      assertThat(progressA).allMatch(p -> p.total() == 2000);
      assertThat(sim.rateLimitedCount()).isZero();
      assertThat(sim.requests()).hasSize(42); // 20 pages + 1 schema call per backfill
      assertThat(sim.maxRequestsInAnyWindow(Duration.ofSeconds(1))).isLessThanOrEqualTo(5);
      // 42 requests at 5 a second: the limiter waited over 7 virtual seconds
      assertThat(Duration.between(Instant.parse("2026-06-01T00:00:00Z"), clock.instant()))
          .isGreaterThan(Duration.ofSeconds(7));
    }
  }

  @Test
  void listWithUpdatedSinceReturnsOnlyRecordsChangedSinceInUpdateOrder() throws Exception {
    try (SmartSuiteSimulator sim = SmartSuiteSimulator.builder().apiKey("poll-key").start()) {
      SimFixture.createTables(sim);
      List<String> ids = new ArrayList<>();
      Instant lastCreated = null;
      for (int i = 0; i < 5; i++) {
        ObjectNode created = sim.createRecord(PRODUCTS, json("{\"title\":\"P" + i + "\"}"));
        ids.add(created.path("id").asText());
        lastCreated = Instant.parse(created.path("last_updated").path("on").asText());
      }
      // The simulator's stamps are strictly increasing, so they can run ahead of the wall clock:
      // the mark follows the last create's, and the updates wait until the wall clock is past it.
      Instant mark = lastCreated.plusMillis(1);
      awaitWallClockAfter(mark);
      sim.updateRecord(PRODUCTS, ids.get(3), json("{\"s_live\":true}"));
      sim.updateRecord(PRODUCTS, ids.get(1), json("{\"s_live\":true}"));
      ConnectionConfig c = SimFixture.connection("p", sim, IngestionMode.POLLING, "t");

      RecordPage page = SimFixture.source(sim).open(c).list(null, 100, mark);

      assertThat(page.records())
          .extracting(SourceRecord::id)
          .containsExactly(ids.get(3), ids.get(1));
      assertThat(page.total()).isEqualTo(2);
      assertThat(page.nextCursor()).isNull();
      assertThat(page.records().get(1).version()).isAfter(mark);
    }
  }

  private static SmartSuiteSource source(SmartSuiteSimulator sim, VirtualTime ticker) {
    return SmartSuiteSource.builder()
        .client(c -> c.baseUrl(sim.baseUrl()).webhooksUrl(sim.webhooksUrl()).ticker(ticker))
        .eventPageSize(50)
        .build();
  }

  /** Waits (a few milliseconds at most) until the wall clock has passed {@code instant}. */
  private static void awaitWallClockAfter(Instant instant) {
    while (!Instant.now().isAfter(instant)) {
      Thread.onSpinWait();
    }
  }

  private static List<String> backfill(
      SmartSuiteSource source, ConnectionConfig c, List<Progress> progress) {
    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      RecordPage page = source.open(c).list(cursor, 100, null);
      page.records().forEach(r -> seen.add(r.id()));
      progress.add(new Progress(seen.size(), page.total()));
      cursor = page.nextCursor();
    } while (cursor != null);
    return seen;
  }
}
