package dev.syncengine.benchmarks.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.testing.smartsuite.SmartSuiteSimulator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * A person editing records in SmartSuite while the Editor edits go on ({@code --two-way}): each
 * edit sets the SmartSuite-owned fields of one record (title, price, rev; never notes or live, so
 * the final state of every field is known), and the simulator records the event and pings the
 * engine, as in native mode. Paced from one thread until told to stop.
 */
final class ForwardEdits {
  private final SmartSuiteSimulator ss;
  private final Map<String, Long> revs = new HashMap<>();
  private final Map<String, String> titles = new HashMap<>();

  ForwardEdits(SmartSuiteSimulator ss) {
    this.ss = ss;
  }

  /**
   * Edits records picked uniformly (seeded) at {@code rate} per second until {@code done}; every
   * record starts at rev 1. Returns the changes, for {@link LagMeter}.
   */
  List<NativeLoad.Change> run(List<String> records, double rate, long seed, BooleanSupplier done) {
    List<NativeLoad.Change> out = new ArrayList<>();
    if (rate <= 0) {
      return out;
    }
    SplittableRandom random = new SplittableRandom(seed);
    long start = System.nanoTime();
    for (int n = 0; ; n++) {
      long due = start + (long) (n * 1e9 / rate);
      for (long now = System.nanoTime(); now < due; now = System.nanoTime()) {
        if (done.getAsBoolean()) {
          return out;
        }
        LockSupport.parkNanos(Math.min(due - now, 50_000_000L)); // pacing, and a quick stop
      }
      if (done.getAsBoolean()) {
        return out;
      }
      String id = records.get(random.nextInt(records.size()));
      long rev = revs.getOrDefault(id, 1L) + 1;
      String title = "Product " + id.substring(id.length() - 6) + " rev " + rev;
      ObjectNode values = BenchSetup.JSON.createObjectNode();
      values.put("title", title);
      values.put("s_price", (1 + random.nextInt(500)) + "." + String.format("%02d", rev % 100));
      values.put("s_rev", rev);
      ObjectNode stored = ss.updateRecord(BenchSetup.TABLE, id, values);
      revs.put(id, rev);
      titles.put(id, title);
      Instant eventAt = Instant.parse(stored.path("last_updated").path("on").asText());
      out.add(new NativeLoad.Change(id, rev, false, eventAt));
    }
  }

  /** The rev each record should end at (1 when never edited). */
  long rev(String recordId) {
    return revs.getOrDefault(recordId, 1L);
  }

  /** The title a record should end with, or null when it was never edited. */
  String title(String recordId) {
    return titles.get(recordId);
  }
}
