package dev.syncengine.benchmarks.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.testing.webflow.SimWriteListener;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the engine's Webflow item writes after the backfill ({@code --two-way}) and passes each to
 * the forward {@link LagMeter}. A write is <em>explained</em> when it carries a SmartSuite revision
 * newer than the item's previous write (every record starts at rev 1, written by the backfill), and
 * <em>unexplained</em> otherwise: an echo (our own SmartSuite write mapped forward again) or a
 * loop. Only the engine writes items through the API; Editor edits are not API writes.
 */
final class WebflowWriteLedger implements SimWriteListener {
  private final LagMeter lag;
  private final Map<String, Long> revByItem = new ConcurrentHashMap<>();
  private final AtomicLong writes = new AtomicLong();
  private final AtomicLong unexplained = new AtomicLong();
  private final AtomicLong lastWriteNanos = new AtomicLong(System.nanoTime());

  WebflowWriteLedger(LagMeter lag) {
    this.lag = lag;
  }

  @Override
  public void written(String collectionId, String itemId, ObjectNode fieldData, Instant at) {
    lag.written(collectionId, itemId, fieldData, at);
    writes.incrementAndGet();
    lastWriteNanos.set(System.nanoTime());
    long rev = fieldData == null ? Long.MAX_VALUE : fieldData.path("rev").asLong();
    long[] before = new long[1];
    revByItem.compute(
        itemId,
        (k, v) -> {
          before[0] = v == null ? 1L : v;
          return Math.max(rev, before[0]);
        });
    if (rev <= before[0]) {
      unexplained.incrementAndGet();
    }
  }

  long writes() {
    return writes.get();
  }

  long unexplained() {
    return unexplained.get();
  }

  long lastWriteNanos() {
    return lastWriteNanos.get();
  }
}
