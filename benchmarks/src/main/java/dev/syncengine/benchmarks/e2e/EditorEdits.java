package dev.syncengine.benchmarks.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.testing.webflow.WebflowSimulator;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A person editing items in the Webflow Editor ({@code --two-way}): each edit sets {@code notes}
 * (owned by Webflow) to a text carrying the edit's sequence number and flips {@code live} (owned by
 * both) at random, through {@code WebflowSimulator.webhooks().editItem}: no API call, no rate
 * limit, and a {@code collection_item_changed} delivery to every registered webhook, as Webflow
 * sends it (webflow-api.md "Webflow's own webhooks"). Paced from one thread.
 */
final class EditorEdits {
  private static final Pattern SEQ = Pattern.compile("^Webflow edit #(\\d+)$");

  /**
   * One Editor edit.
   *
   * @param at taken just before the edit is applied (so lag never undercounts), in milliseconds as
   *     the SmartSuite simulator stamps its writes
   */
  record Edit(String recordId, String itemId, int seq, boolean live, Instant at) {}

  /** A record and its item. */
  record Pair(String recordId, String itemId) {}

  private final WebflowSimulator wf;
  private final String collection;

  EditorEdits(WebflowSimulator wf, String collection) {
    this.wf = wf;
    this.collection = collection;
  }

  /** The notes text of edit {@code seq}. */
  static String notes(int seq) {
    return "Webflow edit #" + seq;
  }

  /** The edit a notes text carries, or 0 for none. */
  static int seqOf(String notes) {
    Matcher m = SEQ.matcher(notes == null ? "" : notes);
    return m.matches() ? Integer.parseInt(m.group(1)) : 0;
  }

  /**
   * Makes {@code count} edits of items picked uniformly (seeded) at {@code rate} per second (0: as
   * fast as the simulator takes them); returns them in order.
   */
  List<Edit> run(List<Pair> items, int count, double rate, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Edit> out = new ArrayList<>(count);
    long start = System.nanoTime();
    for (int seq = 1; seq <= count; seq++) {
      if (rate > 0) {
        long wait = start + (long) ((seq - 1) * 1e9 / rate) - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
      }
      Pair p = items.get(random.nextInt(items.size()));
      boolean live = random.nextBoolean();
      ObjectNode fieldData = BenchSetup.JSON.createObjectNode();
      fieldData.put("notes", notes(seq));
      fieldData.put("live", live);
      Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      wf.webhooks().editItem(collection, p.itemId(), fieldData);
      out.add(new Edit(p.recordId(), p.itemId(), seq, live, at));
    }
    return out;
  }
}
