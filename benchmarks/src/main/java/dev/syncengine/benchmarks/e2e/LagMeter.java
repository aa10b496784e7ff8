package dev.syncengine.benchmarks.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.testing.webflow.SimWriteListener;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Measures lag from outside the engine: from a change's time at SmartSuite to the moment the
 * Webflow simulator applied a write that carries it (the record's revision or a newer one, or its
 * delete). Coalesced changes count until the write that superseded them.
 */
final class LagMeter implements SimWriteListener {
  private record Write(long rev, Instant at) {}

  private final Map<String, List<Write>> byRecord = new ConcurrentHashMap<>();
  private final Map<String, String> recordByItem = new ConcurrentHashMap<>();

  @Override
  public void written(String collectionId, String itemId, ObjectNode fieldData, Instant at) {
    String record;
    long rev;
    if (fieldData == null) {
      record = recordByItem.get(itemId);
      rev = Long.MAX_VALUE;
    } else {
      record = fieldData.path("source-id").asText(null);
      rev = fieldData.path("rev").asLong();
      if (record != null) {
        recordByItem.put(itemId, record);
      }
    }
    if (record != null) {
      List<Write> l = byRecord.computeIfAbsent(record, k -> new ArrayList<>());
      synchronized (l) {
        l.add(new Write(rev, at));
      }
    }
  }

  /**
   * Lags in milliseconds, sorted; a change never written counts as missing, not as a lag, unless
   * its record was deleted in the end (a record created and deleted before any write needs none).
   */
  Result lags(List<NativeLoad.Change> changes) {
    java.util.Set<String> finallyDeleted = new java.util.HashSet<>();
    for (NativeLoad.Change c : changes) {
      if (c.delete()) {
        finallyDeleted.add(c.recordId());
      }
    }
    long[] out = new long[changes.size()];
    int n = 0;
    int missing = 0;
    for (NativeLoad.Change c : changes) {
      Instant first = null;
      List<Write> l = byRecord.getOrDefault(c.recordId(), List.of());
      synchronized (l) {
        for (Write w : l) {
          if (w.rev() >= c.rev() && !w.at().isBefore(c.eventAt())) {
            first = first == null || w.at().isBefore(first) ? w.at() : first;
          }
        }
      }
      if (first == null) {
        if (!finallyDeleted.contains(c.recordId())) {
          missing++; // a record deleted before any write of it needs none
        }
      } else {
        out[n++] = Duration.between(c.eventAt(), first).toMillis();
      }
    }
    long[] sorted = Arrays.copyOf(out, n);
    Arrays.sort(sorted);
    return new Result(sorted, missing);
  }

  /** Lags of the changes that reached Webflow, and how many did not. */
  record Result(long[] sortedMs, int missing) {
    long percentile(double p) {
      if (sortedMs.length == 0) {
        return -1;
      }
      int i = (int) Math.ceil(p / 100.0 * sortedMs.length) - 1;
      return sortedMs[Math.max(0, Math.min(sortedMs.length - 1, i))];
    }
  }
}
