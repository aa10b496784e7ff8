package dev.syncengine.benchmarks.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.testing.smartsuite.SimRecordListener;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures Webflow → SmartSuite lag from outside the engine ({@code --two-way}): from an Editor
 * edit to the moment the SmartSuite simulator applied an API write carrying it, by the write's own
 * stamp ({@code last_updated.on}, {@code SmartSuiteSimulator.onWrite}). A write carries an edit
 * when the record's notes name that edit or a later one of the same record (a change coalesced into
 * a later write counts until that write).
 *
 * <p>Also counts the writes: a write is <em>explained</em> when it carries an edit newer than every
 * earlier write of its record, and <em>unexplained</em> otherwise: an echo (our own Webflow write
 * mapped back) or a loop. Every SmartSuite API write in a run is the reverse path's: the harness
 * edits SmartSuite through the simulator's own methods, which are not API writes.
 */
final class ReverseLagMeter implements SimRecordListener {
  private record Write(int seq, Instant at) {}

  private final Map<String, List<Write>> byRecord = new ConcurrentHashMap<>();
  private final AtomicLong writes = new AtomicLong();
  private final AtomicLong unexplained = new AtomicLong();
  private final AtomicLong lastWriteNanos = new AtomicLong(System.nanoTime());

  @Override
  public void written(String tableId, ObjectNode record, Instant at) {
    String id = record.path("id").asText();
    int seq = EditorEdits.seqOf(record.path("s_notes").asText(null));
    List<Write> l = byRecord.computeIfAbsent(id, k -> new ArrayList<>());
    synchronized (l) {
      int newest = l.stream().mapToInt(Write::seq).max().orElse(0);
      if (seq <= newest) {
        unexplained.incrementAndGet();
      }
      l.add(new Write(seq, at));
    }
    writes.incrementAndGet();
    lastWriteNanos.set(System.nanoTime());
  }

  long writes() {
    return writes.get();
  }

  long unexplained() {
    return unexplained.get();
  }

  /** When the last write was heard ({@link System#nanoTime}). */
  long lastWriteNanos() {
    return lastWriteNanos.get();
  }

  /** Whether every record's newest edit has been written. */
  boolean covers(List<EditorEdits.Edit> edits) {
    Map<String, Integer> newest = new HashMap<>();
    edits.forEach(e -> newest.merge(e.recordId(), e.seq(), Math::max));
    for (Map.Entry<String, Integer> e : newest.entrySet()) {
      List<Write> l = byRecord.getOrDefault(e.getKey(), List.of());
      synchronized (l) {
        if (l.stream().noneMatch(w -> w.seq() >= e.getValue())) {
          return false;
        }
      }
    }
    return true;
  }

  /** Lags in milliseconds, sorted; an edit never written counts as missing. */
  LagMeter.Result lags(List<EditorEdits.Edit> edits) {
    long[] out = new long[edits.size()];
    int n = 0;
    int missing = 0;
    for (EditorEdits.Edit e : edits) {
      long lag = lagMs(e);
      if (lag < 0) {
        missing++;
      } else {
        out[n++] = lag;
      }
    }
    long[] sorted = Arrays.copyOf(out, n);
    Arrays.sort(sorted);
    return new LagMeter.Result(sorted, missing);
  }

  /** From the edit to the first write carrying it, or -1 when none did. */
  long lagMs(EditorEdits.Edit e) {
    Instant first = null;
    List<Write> l = byRecord.getOrDefault(e.recordId(), List.of());
    synchronized (l) {
      for (Write w : l) {
        if (w.seq() >= e.seq()
            && !w.at().isBefore(e.at())
            && (first == null || w.at().isBefore(first))) {
          first = w.at();
        }
      }
    }
    return first == null ? -1 : Duration.between(e.at(), first).toMillis();
  }
}
