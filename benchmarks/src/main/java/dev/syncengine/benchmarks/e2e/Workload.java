package dev.syncengine.benchmarks.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A reproducible stream of signed-push deliveries over a set of records: each record is created
 * first, then updated (a few hot records far more often than the rest), some deleted (a delete is a
 * record's last change), and a share of deliveries sent twice with the same delivery id, the second
 * one later in the stream. Remembers the newest state of every record to check against.
 */
public final class Workload {
  /** One delivery: its Standard Webhooks id and body. */
  public record Delivery(String id, byte[] body, boolean duplicate) {}

  /** The newest state of a record; {@code deleted} when its last change deleted it. */
  public record Expected(String title, long rev, boolean deleted) {}

  private final List<Delivery> deliveries;
  private final Map<String, Expected> expected;

  private Workload(List<Delivery> deliveries, Map<String, Expected> expected) {
    this.deliveries = deliveries;
    this.expected = expected;
  }

  /**
   * @param total deliveries to send, duplicates included
   * @param records distinct records
   * @param duplicateShare share of deliveries that are redeliveries (0.2 = 20%)
   * @param deleteShare share of records deleted by the end
   */
  public static Workload generate(
      int total, int records, double duplicateShare, double deleteShare, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int duplicates = (int) Math.round(total * duplicateShare);
    int unique = total - duplicates;
    if (unique < records) {
      throw new IllegalArgumentException("need at least one unique delivery per record");
    }
    int deletes = (int) Math.round(records * deleteShare);
    long base = Instant.now().minusSeconds(3600).toEpochMilli();
    List<Delivery> out = new ArrayList<>(total);
    Map<String, Expected> state = new HashMap<>();
    List<String> alive = new ArrayList<>();
    String[] ids = new String[records];
    for (int r = 0; r < records; r++) {
      ids[r] = String.format("64b0%020x", r);
    }
    // creates first (interleaved with early updates), then updates and deletes in random order
    int created = 0;
    int deleted = 0;
    long clock = base;
    for (int n = 0; n < unique; n++) {
      int left = unique - n;
      boolean mustCreate = records - created >= left - (deletes - deleted);
      String kind;
      String id;
      if (created < records && (mustCreate || alive.isEmpty() || random.nextInt(4) == 0)) {
        id = ids[created++];
        alive.add(id);
        kind = "record_created";
      } else if (deleted < deletes
          && alive.size() > 1
          && random.nextDouble() < (double) (deletes - deleted) / left * 1.0) {
        id = alive.remove(random.nextInt(alive.size()));
        deleted++;
        kind = "record_deleted";
      } else {
        // skewed: a tenth of the records get most of the updates
        double u = random.nextDouble();
        id = alive.get((int) (alive.size() * u * u * u));
        kind = "record_updated";
      }
      clock += 1 + random.nextInt(3);
      Expected before = state.get(id);
      long rev = before == null ? 1 : before.rev() + 1;
      String title = "Product " + id.substring(id.length() - 6) + " rev " + rev;
      state.put(id, new Expected(title, rev, kind.equals("record_deleted")));
      String deliveryId = "msg_" + Long.toHexString(seed) + "_" + n;
      out.add(new Delivery(deliveryId, body(kind, id, title, rev, clock, base, random), false));
    }
    // redeliveries: each re-sends an earlier delivery a little later in the stream
    for (int d = 0; d < duplicates; d++) {
      int at = random.nextInt(out.size() + 1);
      int of = at == 0 ? 0 : Math.max(0, at - 1 - random.nextInt(Math.min(at, 200)));
      Delivery original = out.get(of);
      out.add(Math.max(at, of + 1), new Delivery(original.id(), original.body(), true));
    }
    return new Workload(out, state);
  }

  private static byte[] body(
      String kind, String id, String title, long rev, long at, long base, SplittableRandom r) {
    ObjectNode b = BenchSetup.JSON.createObjectNode();
    b.put("event_type", kind);
    b.put("record_id", id);
    ObjectNode data = b.putObject("data");
    data.put("id", id);
    data.put("application_id", BenchSetup.TABLE);
    data.put("title", title);
    data.put("autonumber", rev);
    data.putObject("first_created")
        .put("by", "bench")
        .put("on", Instant.ofEpochMilli(base).toString());
    data.putObject("last_updated")
        .put("by", "bench")
        .put("on", Instant.ofEpochMilli(at).toString());
    if (!kind.equals("record_deleted")) {
      data.put("s_price", (1 + r.nextInt(500)) + "." + String.format("%02d", r.nextInt(100)));
      data.put("s_colour", r.nextBoolean() ? "c1" : "c2");
      data.put("s_rev", rev);
      data.put("s_live", r.nextBoolean());
      data.put(
          "s_notes",
          "Steep 3-4 minutes at 95°C. Best with milk. Store in a cool, dry place. Batch " + rev);
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  public List<Delivery> deliveries() {
    return deliveries;
  }

  /** Newest state by record id. */
  public Map<String, Expected> expected() {
    return expected;
  }
}
