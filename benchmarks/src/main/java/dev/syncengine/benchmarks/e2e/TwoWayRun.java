package dev.syncengine.benchmarks.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.testing.smartsuite.SimRequest;
import dev.syncengine.testing.smartsuite.SmartSuiteSimulator;
import dev.syncengine.testing.webflow.SimDelivery;
import dev.syncengine.testing.webflow.SimItem;
import dev.syncengine.testing.webflow.SimOperation;
import dev.syncengine.testing.webflow.SimStats;
import dev.syncengine.testing.webflow.WebflowSimulator;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The harness's {@code --two-way} mode. Before the engine starts: the SmartSuite table is seeded
 * and the Webflow simulator signs its deliveries. The engine (a two-way connection taking
 * SmartSuite's own webhooks, its Webflow webhooks registered at its ingress) backfills the table.
 * Then a person edits items in the Webflow Editor at {@code --edit-rate} while another edits
 * records in SmartSuite at {@code --forward-rate}; lag is measured both ways from outside the
 * engine, by the simulators' own write stamps. At the end every record must equal its item field by
 * field, each field must hold the last edit made to it, nothing may be duplicated, and every write
 * on each side must be explained by an edit (an unexplained write is an echo that was not
 * suppressed, or a loop).
 */
final class TwoWayRun {
  private static final Duration QUIET = Duration.ofSeconds(3);
  private static final Map<String, String> COLOURS = Map.of("c1", "Red", "c2", "Blue");

  private final E2eHarness harness;
  private final SmartSuiteSimulator ss;
  private final WebflowSimulator wf;
  private final String site;
  private final String collection;
  private final ReverseLagMeter reverse = new ReverseLagMeter();

  TwoWayRun(
      E2eHarness harness,
      SmartSuiteSimulator ss,
      WebflowSimulator wf,
      String site,
      String collection) {
    this.harness = harness;
    this.ss = ss;
    this.wf = wf;
    this.site = site;
    this.collection = collection;
  }

  /**
   * Before the engine starts: seeds {@code records} records (notes left empty: Webflow owns them),
   * signs Webflow's deliveries and listens to SmartSuite's API writes.
   */
  void prepare(int records) {
    for (int i = 0; i < records; i++) {
      ObjectNode v = BenchSetup.JSON.createObjectNode();
      v.put("title", "Product " + i);
      v.put("s_price", (1 + i % 500) + "." + String.format("%02d", i % 100));
      v.put("s_colour", i % 2 == 0 ? "c1" : "c2");
      v.put("s_rev", 1);
      v.put("s_live", i % 3 == 0);
      ss.createRecord(BenchSetup.TABLE, v);
    }
    wf.webhooks().signWith(BenchSetup.WEBFLOW_WEBHOOK_SECRET);
    ss.onWrite(reverse);
  }

  /** Once the engine is ready: backfill, both edit streams, drain, figures and checks. */
  boolean run(String db, int records) throws Exception {
    long t0 = System.nanoTime();
    harness.awaitDrained(db, true);
    Map<String, SimItem> items = itemsBySource();
    settle(db, items.size());
    List<EditorEdits.Pair> pairs = new ArrayList<>();
    items.forEach((record, item) -> pairs.add(new EditorEdits.Pair(record, item.id())));
    pairs.sort((a, b) -> a.recordId().compareTo(b.recordId()));
    harness.row(
        "two-way setup",
        String.format(
            "%,d records backfilled to %,d items in %.1f s; %d Webflow webhooks registered at the"
                + " engine (%s)",
            records,
            items.size(),
            (System.nanoTime() - t0) / 1e9,
            wf.webhooks().registrations(site).size(),
            triggers()));

    LagMeter forwardLag = new LagMeter();
    WebflowWriteLedger ledger = new WebflowWriteLedger(forwardLag);
    wf.onWrite(ledger);
    int ssBefore = ss.requests().size();
    long wfBefore = wf.stats().requests();
    ForwardEdits forward = new ForwardEdits(ss);
    AtomicBoolean editorDone = new AtomicBoolean();
    List<NativeLoad.Change> changes = new ArrayList<>();
    List<String> recordIds = pairs.stream().map(EditorEdits.Pair::recordId).toList();
    double forwardRate = Double.parseDouble(harness.option("forward-rate"));
    Thread person =
        new Thread(
            () -> changes.addAll(forward.run(recordIds, forwardRate, 7L, editorDone::get)),
            "smartsuite-person");
    long t1 = System.nanoTime();
    person.start();
    List<EditorEdits.Edit> edits =
        new EditorEdits(wf, collection)
            .run(
                pairs,
                Integer.parseInt(harness.option("edits")),
                Double.parseDouble(harness.option("edit-rate")),
                42L);
    editorDone.set(true);
    person.join();
    double seconds = (System.nanoTime() - t1) / 1e9;
    harness.row(
        "edits made",
        String.format(
            "%,d in the Webflow Editor (%.2f/s) and %,d in SmartSuite (%.2f/s) over %,d records in"
                + " %.1f s",
            edits.size(),
            edits.size() / seconds,
            changes.size(),
            changes.size() / seconds,
            records,
            seconds));

    boolean drained = drain(db, edits, changes, forwardLag, ledger);
    wf.onWrite(null);
    LagMeter.Result back = reverse.lags(edits);
    LagMeter.Result ahead = forwardLag.lags(changes);
    lagRow("lag Webflow -> SmartSuite", back, "Editor edit -> SmartSuite write applied");
    lagRow("lag SmartSuite -> Webflow", ahead, "event_at -> Webflow write applied");
    harness.rows().put("_lagReverse50", Long.toString(back.percentile(50)));
    harness.rows().put("_lagReverse95", Long.toString(back.percentile(95)));
    harness.rows().put("_lagReverse99", Long.toString(back.percentile(99)));
    harness.rows().put("_lagNative50", Long.toString(ahead.percentile(50)));
    harness.rows().put("_lagNative95", Long.toString(ahead.percentile(95)));
    requests(ssBefore, wfBefore, t1);
    boolean noEchoes =
        writes(edits.size() - back.missing(), changes.size() - ahead.missing(), ledger);
    boolean delivered = deliveries(edits.size());
    queues(db);
    slowest(db, edits);
    boolean state = check(items.size(), edits, forward);
    return drained && back.missing() == 0 && ahead.missing() == 0 && noEchoes && delivered && state;
  }

  /**
   * Waits until every record's newest edit reached the other side, nothing is queued on either
   * path, and neither simulator was written for {@link #QUIET} (a loop would keep writing).
   */
  private boolean drain(
      String db,
      List<EditorEdits.Edit> edits,
      List<NativeLoad.Change> changes,
      LagMeter forwardLag,
      WebflowWriteLedger ledger)
      throws Exception {
    long deadline = System.nanoTime() + E2eHarness.duration(harness.option("drain")).toNanos();
    int deliveries = -1;
    long quietSince = System.nanoTime();
    try (Connection c = DriverManager.getConnection(db)) {
      while (System.nanoTime() < deadline) {
        int d = wf.webhooks().deliveries().size();
        long lastWrite = Math.max(reverse.lastWriteNanos(), ledger.lastWriteNanos());
        if (d != deliveries) {
          deliveries = d;
          quietSince = System.nanoTime();
        }
        long quiet = System.nanoTime() - Math.max(quietSince, lastWrite);
        if (quiet >= QUIET.toNanos()
            && reverse.covers(edits)
            && forwardLag.lags(changes).missing() == 0
            && waiting(c, "sync_job") == 0
            && waiting(c, "sync_target_change") == 0
            && ss.awaitPingsDelivered(Duration.ZERO)) {
          return true;
        }
        Thread.sleep(100);
      }
    }
    harness.row("drained", "no: still syncing after " + harness.option("drain"));
    return false;
  }

  /**
   * Waits until the backfill's own echoes are delivered and worked off: the Webflow simulator sends
   * its deliveries one at a time, in order, so the first Editor edits would otherwise queue behind
   * one {@code collection_item_created} per backfilled item (seconds of lag that are not the
   * engine's).
   */
  private void settle(String db, int created) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    try (Connection c = DriverManager.getConnection(db)) {
      while (wf.webhooks().deliveries().size() < created
          || waiting(c, "sync_target_change") > 0
          || waiting(c, "sync_job") > 0) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the backfill's deliveries did not settle in 60 s");
        }
        Thread.sleep(100);
      }
    }
  }

  private static long waiting(Connection c, String table) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT count(*) FROM "
                + table
                + " WHERE connection_id = ? AND state IN ('PENDING','CLAIMED')")) {
      ps.setString(1, BenchSetup.CONNECTION);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  private void lagRow(String name, LagMeter.Result r, String from) {
    harness.row(
        name,
        String.format(
            "p50 %,d ms, p95 %,d ms, p99 %,d ms, max %,d ms over %,d changes (%d never written)"
                + " (%s)",
            r.percentile(50),
            r.percentile(95),
            r.percentile(99),
            r.percentile(100),
            r.sortedMs().length,
            r.missing(),
            from));
  }

  /** Requests on both APIs from the first edit on, and 429s over the whole run. */
  private void requests(int ssBefore, long wfBefore, long editsStarted) {
    List<SimRequest> all = ss.requests();
    Map<String, Integer> kinds = new TreeMap<>();
    for (SimRequest r : all.subList(Math.min(ssBefore, all.size()), all.size())) {
      kinds.merge(kind(r), 1, Integer::sum);
    }
    harness.row(
        "smartsuite requests",
        String.format(
            "%,d during the edits and the drain (%.1f/s) %s; at most %d in any 1 s (budget 5/s"
                + " per key, reads and writes alike); %d answered 429",
            all.size() - ssBefore,
            (all.size() - ssBefore) / Math.max(1e-3, (System.nanoTime() - editsStarted) / 1e9),
            kinds.toString().replace("=", " "),
            ss.maxRequestsInAnyWindow(Duration.ofSeconds(1)),
            ss.rateLimitedCount()));
    SimStats s = wf.stats();
    harness.row(
        "webflow requests",
        String.format(
            "%,d during the edits and the drain (%,d create, %,d update in all); budget %s per %s;"
                + " %d answered"
                + " 429",
            s.requests() - wfBefore,
            s.count(SimOperation.CREATE_ITEMS),
            s.count(SimOperation.UPDATE_ITEMS),
            harness.option("rate"),
            harness.option("window"),
            s.rateLimited()));
    harness.rows().put("_429", Long.toString(s.rateLimited()));
    harness.rows().put("_429smartsuite", Long.toString(ss.rateLimitedCount()));
  }

  private static String kind(SimRequest r) {
    String p = r.path();
    if (p.contains("ListEvents")) {
      return "ListEvents";
    }
    if (p.matches(".*/records/list/?")) {
      return "list";
    }
    if (p.matches(".*/applications/[^/]+/?")) {
      return "schema";
    }
    boolean write =
        r.method().equals("PATCH")
            || r.method().equals("PUT")
            || r.method().equals("POST") && p.matches(".*/records(/bulk)?/?");
    return write ? "record-writes" : "other";
  }

  /**
   * The writes each side received, against what the edits explain. Echo count: a SmartSuite write
   * carrying no edit newer than its record's previous write, or a Webflow write carrying no newer
   * SmartSuite revision, is an echo the engine did not suppress (or a loop).
   */
  private boolean writes(long editsWritten, long changesWritten, WebflowWriteLedger ledger) {
    harness.row(
        "writes to SmartSuite",
        String.format(
            "%,d records written (each carrying a newer Editor edit of its record) for %,d edits"
                + " that arrived, %,d of them coalesced into a later write; %,d unexplained"
                + " (echoes or loops)",
            reverse.writes() - reverse.unexplained(),
            editsWritten,
            editsWritten - (reverse.writes() - reverse.unexplained()),
            reverse.unexplained()));
    harness.row(
        "writes to Webflow",
        String.format(
            "%,d items written after the backfill (each carrying a newer SmartSuite rev) for %,d"
                + " edits that arrived, %,d of them coalesced into a later write; %,d unexplained"
                + " (echoes or loops)",
            ledger.writes() - ledger.unexplained(),
            changesWritten,
            changesWritten - (ledger.writes() - ledger.unexplained()),
            ledger.unexplained()));
    harness.rows().put("_echoes", Long.toString(reverse.unexplained() + ledger.unexplained()));
    return reverse.unexplained() == 0 && ledger.unexplained() == 0;
  }

  /**
   * Webflow's deliveries: one per Editor edit, and one per item our own writes changed (the echoes
   * the engine receives and must recognise). A delivery still refused after the simulator's retries
   * is lost.
   */
  private boolean deliveries(int edits) {
    List<SimDelivery> all = wf.webhooks().deliveries();
    Map<String, Integer> byTrigger = new TreeMap<>();
    long refused = 0;
    for (SimDelivery d : all) {
      byTrigger.merge(d.triggerType(), 1, Integer::sum);
      refused += d.status() >= 200 && d.status() < 300 ? 0 : 1;
    }
    harness.row(
        "webflow deliveries",
        String.format(
            "%,d signed deliveries to the engine %s: %,d Editor edits, %,d from the engine's own"
                + " writes; %d not accepted",
            all.size(),
            byTrigger.toString().replace("=", " "),
            edits,
            all.size() - edits,
            refused));
    return refused == 0;
  }

  /** The target change stream and the sync log, by state. */
  private void queues(String db) throws SQLException {
    try (Connection c = DriverManager.getConnection(db)) {
      harness.row(
          "target changes",
          counts(c, "SELECT state, count(*) FROM sync_target_change WHERE connection_id = ?"));
      harness.row(
          "sync log",
          counts(
              c,
              "SELECT coalesce(action, '-') || ' ' || status, count(*) FROM sync_event_log"
                  + " WHERE connection_id = ?"));
    }
  }

  /**
   * Where the time of the three slowest Editor edits went: the delivery's send, the row's arrival
   * in {@code sync_target_change} and its last update (attempts), and the SmartSuite write, each in
   * ms after the edit.
   */
  private void slowest(String db, List<EditorEdits.Edit> edits) throws SQLException {
    List<EditorEdits.Edit> slow =
        edits.stream()
            .sorted((a, b) -> Long.compare(reverse.lagMs(b), reverse.lagMs(a)))
            .limit(3)
            .toList();
    List<SimDelivery> deliveries = wf.webhooks().deliveries();
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(db);
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT received_at, updated_at, attempts, state FROM sync_target_change"
                    + " WHERE connection_id = ? AND payload LIKE ?")) {
      for (EditorEdits.Edit e : slow) {
        String marker = "\"" + EditorEdits.notes(e.seq()) + "\"";
        long edit = e.at().toEpochMilli();
        String sent =
            deliveries.stream()
                .filter(d -> d.bodyText().contains(marker))
                .map(d -> "+" + (d.timestampMillis() - edit))
                .findFirst()
                .orElse("never");
        ps.setString(1, BenchSetup.CONNECTION);
        ps.setString(2, "%" + marker + "%");
        String row = "no row";
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            row =
                String.format(
                    "stored +%d, row %s +%d after %d failed attempts",
                    rs.getLong(1) / 1000 - edit,
                    rs.getString(4),
                    rs.getLong(2) / 1000 - edit,
                    rs.getInt(3));
          }
        }
        out.add(
            String.format(
                "#%d: sent %s, %s, SmartSuite write +%d", e.seq(), sent, row, reverse.lagMs(e)));
      }
    }
    harness.row("slowest edits (ms)", String.join("; ", out));
  }

  private static String counts(Connection c, String select) throws SQLException {
    Map<String, Long> out = new TreeMap<>();
    try (PreparedStatement ps = c.prepareStatement(select + " GROUP BY 1 ORDER BY 1")) {
      ps.setString(1, BenchSetup.CONNECTION);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getLong(2));
        }
      }
    }
    return out.toString().replace("=", ": ");
  }

  /**
   * Every record equals its item field by field per the mapping, every field holds the last edit
   * made to it (SmartSuite's for title and rev, the Editor's for notes and live), one item per
   * record and no record added.
   */
  private boolean check(int seeded, List<EditorEdits.Edit> edits, ForwardEdits forward) {
    Map<String, EditorEdits.Edit> lastEdit = new HashMap<>();
    edits.forEach(e -> lastEdit.put(e.recordId(), e));
    Map<String, SimItem> items = itemsBySource();
    List<ObjectNode> records = ss.records(BenchSetup.TABLE);
    List<String> wrong = new ArrayList<>();
    for (ObjectNode r : records) {
      String id = r.path("id").asText();
      SimItem item = items.get(id);
      if (item == null) {
        wrong.add(id + " has no item");
        continue;
      }
      differences(id, r, item.fieldData(), wrong);
      EditorEdits.Edit e = lastEdit.get(id);
      if (e != null && !r.path("s_notes").asText().equals(EditorEdits.notes(e.seq()))) {
        wrong.add(id + " notes '" + r.path("s_notes").asText() + "', last edit #" + e.seq());
      }
      if (e != null && r.path("s_live").asBoolean(false) != e.live()) {
        wrong.add(id + " live " + r.path("s_live").asBoolean(false) + ", last edit " + e.live());
      }
      if (r.path("s_rev").asLong() != forward.rev(id)
          || forward.title(id) != null && !r.path("title").asText().equals(forward.title(id))) {
        wrong.add(id + " rev " + r.path("s_rev") + ", last SmartSuite edit " + forward.rev(id));
      }
    }
    if (records.size() != seeded) {
      wrong.add("SmartSuite holds " + records.size() + " records, " + seeded + " seeded");
    }
    int itemCount = wf.items(collection).size();
    if (itemCount != records.size()) {
      wrong.add("Webflow holds " + itemCount + " items for " + records.size() + " records");
    }
    harness.row(
        "final state",
        String.format(
            "%,d records, %,d items; %s",
            records.size(),
            itemCount,
            wrong.isEmpty()
                ? "every record equals its item field by field, every field holds its last edit"
                : wrong.size() + " wrong, e.g. " + wrong.subList(0, Math.min(3, wrong.size()))));
    return wrong.isEmpty();
  }

  /** The item's fields against the record mapped forward (BenchSetup.TWO_WAY_MAPPING). */
  private static void differences(String id, ObjectNode r, JsonNode f, List<String> wrong) {
    Map<String, String[]> pairs = new TreeMap<>();
    pairs.put("name", new String[] {r.path("title").asText(), f.path("name").asText()});
    pairs.put(
        "colour",
        new String[] {
          COLOURS.getOrDefault(r.path("s_colour").asText(), ""), f.path("colour").asText()
        });
    pairs.put("rev", new String[] {r.path("s_rev").asText(), f.path("rev").asText()});
    pairs.put(
        "live",
        new String[] {
          String.valueOf(r.path("s_live").asBoolean(false)),
          String.valueOf(f.path("live").asBoolean(false))
        });
    pairs.put("notes", new String[] {r.path("s_notes").asText(""), f.path("notes").asText("")});
    pairs.put("source-id", new String[] {id, f.path("source-id").asText()});
    pairs.forEach(
        (field, v) -> {
          if (!v[0].equals(v[1])) {
            wrong.add(id + " " + field + ": record '" + v[0] + "', item '" + v[1] + "'");
          }
        });
    BigDecimal price = new BigDecimal(r.path("s_price").asText("0"));
    // asText of a double node is its shortest decimal form (19.95, not 19.949999...)
    if (!f.path("price").isNumber()
        || new BigDecimal(f.path("price").asText()).compareTo(price) != 0) {
      wrong.add(id + " price: record " + price + ", item " + f.path("price"));
    }
  }

  /** Items by their record id; a second item of one record is kept under a duplicate key. */
  private Map<String, SimItem> itemsBySource() {
    Map<String, SimItem> out = new HashMap<>();
    for (SimItem i : wf.items(collection)) {
      String id = i.fieldData().path("source-id").asText();
      if (out.put(id, i) != null) {
        out.put("duplicate:" + id + ":" + i.id(), i);
      }
    }
    return out;
  }

  /** The registered triggers, and how many registrations repeat one at the same URL. */
  private String triggers() {
    List<String> all =
        wf.webhooks().registrations(site).stream()
            .map(w -> w.path("triggerType").asText() + " " + w.path("url").asText())
            .sorted()
            .toList();
    long extra = all.size() - all.stream().distinct().count();
    String names = all.stream().map(t -> t.substring(0, t.indexOf(' '))).toList().toString();
    return extra == 0
        ? names
        : names + "; " + extra + " DUPLICATE registrations: their deliveries arrive twice";
  }
}
