package dev.syncengine.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.testing.smartsuite.SmartSuiteSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The two-way harness's meters: lag is read from the simulator's own write stamps, coalesced edits
 * count until the write that carried them, and a write that carries nothing new is counted as an
 * echo on either side.
 */
class TwoWayMetersTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void reverseLagRunsFromTheEditToTheSimulatorsStampOfTheWriteThatCarriedIt() throws Exception {
    try (SmartSuiteSimulator ss = SmartSuiteSimulator.builder().requestsPerSecond(0).start()) {
      BenchSetup.createTable(ss);
      ObjectNode values = BenchSetup.JSON.createObjectNode().put("title", "Mug").put("s_rev", 1);
      String id = ss.createRecord(BenchSetup.TABLE, values).path("id").asText();
      ReverseLagMeter meter = new ReverseLagMeter();
      ss.onWrite(meter);
      Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      List<EditorEdits.Edit> edits =
          List.of(
              new EditorEdits.Edit(id, "item1", 1, true, at),
              new EditorEdits.Edit(id, "item1", 2, false, at),
              new EditorEdits.Edit(id, "item1", 3, true, at));

      // a person's edit in SmartSuite is no API write: neither a lag nor an echo
      ss.updateRecord(BenchSetup.TABLE, id, BenchSetup.JSON.createObjectNode().put("s_rev", 2));
      assertThat(meter.writes()).isZero();

      patch(ss, id, EditorEdits.notes(2)); // edits 1 and 2 coalesced into one write
      assertThat(meter.covers(edits)).isFalse();
      LagMeter.Result r = meter.lags(edits);
      assertThat(r.missing()).isEqualTo(1); // edit 3 never written
      assertThat(r.sortedMs()).hasSize(2);
      Instant stamp =
          Instant.parse(
              ss.record(BenchSetup.TABLE, id)
                  .orElseThrow()
                  .path("last_updated")
                  .path("on")
                  .asText());
      assertThat(meter.lagMs(edits.get(0))).isEqualTo(stamp.toEpochMilli() - at.toEpochMilli());
      assertThat(meter.unexplained()).isZero();

      patch(ss, id, EditorEdits.notes(2)); // the same edit again: an echo
      patch(ss, id, "written by someone else"); // carries no edit at all
      assertThat(meter.unexplained()).isEqualTo(2);

      patch(ss, id, EditorEdits.notes(3));
      assertThat(meter.covers(edits)).isTrue();
      assertThat(meter.lags(edits).missing()).isZero();
      assertThat(meter.writes()).isEqualTo(4);
      assertThat(meter.unexplained()).isEqualTo(2);
    }
  }

  @Test
  void editSequenceNumbersAreReadOnlyFromTheHarnesssOwnNotes() {
    assertThat(EditorEdits.seqOf(EditorEdits.notes(12))).isEqualTo(12);
    assertThat(EditorEdits.seqOf(EditorEdits.notes(12) + " ")).isZero();
    assertThat(EditorEdits.seqOf("Steep 3-4 minutes")).isZero();
    assertThat(EditorEdits.seqOf(null)).isZero();
  }

  @Test
  void aWebflowWriteWithoutANewerRevisionIsCountedAsAnEcho() {
    LagMeter lag = new LagMeter();
    WebflowWriteLedger ledger = new WebflowWriteLedger(lag);
    Instant t = Instant.now();
    ledger.written("c", "i1", item("r1", 2), t);
    ledger.written("c", "i1", item("r1", 2), t.plusMillis(5)); // same rev again: echo
    ledger.written("c", "i2", item("r2", 1), t.plusMillis(6)); // the backfill's rev: echo
    ledger.written("c", "i1", item("r1", 3), t.plusMillis(7));
    assertThat(ledger.writes()).isEqualTo(4);
    assertThat(ledger.unexplained()).isEqualTo(2);

    LagMeter.Result r = lag.lags(List.of(new NativeLoad.Change("r1", 3, false, t.plusMillis(2))));
    assertThat(r.sortedMs()).containsExactly(5L); // the forward meter saw the same writes
  }

  private static ObjectNode item(String record, long rev) {
    return BenchSetup.JSON.createObjectNode().put("source-id", record).put("rev", rev);
  }

  private static void patch(SmartSuiteSimulator ss, String id, String notes) throws Exception {
    String body = BenchSetup.JSON.createObjectNode().put("s_notes", notes).toString();
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    ss.baseUrl() + "applications/" + BenchSetup.TABLE + "/records/" + id + "/"))
            .header("Authorization", "Token " + ss.apiKey())
            .header("ACCOUNT-ID", ss.accountId())
            .header("Content-Type", "application/json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> res = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
  }
}
