package dev.syncengine.benchmarks.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.testing.smartsuite.SmartSuiteSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Delivers a workload the way SmartSuite does: each change is made in the SmartSuite simulator,
 * which records it in its event log and pings the engine's registered webhook; the engine then
 * pulls {@code ListEvents}. Paced to a rate of changes per second from one thread (a person or an
 * automation editing records). Redeliveries of the workload are skipped: SmartSuite does not
 * redeliver a change, it pings.
 */
final class NativeLoad {
  /** One change made at SmartSuite: the record, the revision it set, its {@code event_at}. */
  record Change(String recordId, long rev, boolean delete, Instant eventAt) {}

  private final SmartSuiteSimulator ss;
  private final double rate;
  private final Map<String, String> simIds = new HashMap<>();

  /**
   * @param rate changes per second, or 0 for as fast as the simulator takes them
   */
  NativeLoad(SmartSuiteSimulator ss, double rate) {
    this.ss = ss;
    this.rate = rate;
  }

  /** Makes every change of the workload (redeliveries skipped); returns them in order. */
  List<Change> run(Workload w) {
    List<Change> out = new ArrayList<>();
    long start = System.nanoTime();
    int i = 0;
    for (Workload.Delivery d : w.deliveries()) {
      if (d.duplicate()) {
        continue;
      }
      if (rate > 0) {
        long wait = start + (long) (i * 1e9 / rate) - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
      }
      i++;
      out.add(apply(read(d.body())));
    }
    return out;
  }

  /** The workload's expected state keyed by the SmartSuite record ids the simulator gave. */
  Map<String, Workload.Expected> expected(Workload w) {
    Map<String, Workload.Expected> out = new HashMap<>();
    w.expected().forEach((id, x) -> out.put(simIds.getOrDefault(id, id), x));
    return out;
  }

  private Change apply(JsonNode b) {
    String kind = b.path("event_type").asText();
    String workloadId = b.path("record_id").asText();
    JsonNode data = b.path("data");
    long rev = data.path("autonumber").asLong();
    if (kind.equals("record_deleted")) {
      Instant at = Instant.now(); // the simulator stamps the event with its clock right after
      ss.deleteRecord(BenchSetup.TABLE, simIds.get(workloadId));
      return new Change(simIds.get(workloadId), Long.MAX_VALUE, true, at);
    }
    ObjectNode values = BenchSetup.JSON.createObjectNode();
    for (String f : List.of("title", "s_price", "s_colour", "s_rev", "s_live", "s_notes")) {
      if (data.has(f)) {
        values.set(f, data.get(f));
      }
    }
    ObjectNode stored =
        kind.equals("record_created")
            ? ss.createRecord(BenchSetup.TABLE, values)
            : ss.updateRecord(BenchSetup.TABLE, simIds.get(workloadId), values);
    String id = stored.path("id").asText();
    simIds.putIfAbsent(workloadId, id);
    // the event's event_at is the record's last_updated.on (both are the simulator's stamp)
    Instant eventAt = Instant.parse(stored.path("last_updated").path("on").asText());
    return new Change(id, rev, false, eventAt);
  }

  private static JsonNode read(byte[] body) {
    try {
      return BenchSetup.JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
