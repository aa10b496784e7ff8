package dev.syncengine.benchmarks.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.WorkerSettings;
import dev.syncengine.testing.smartsuite.SmartSuiteSimulator;
import dev.syncengine.testing.webflow.SimItem;
import dev.syncengine.testing.webflow.SimOperation;
import dev.syncengine.testing.webflow.SimStats;
import dev.syncengine.testing.webflow.WebflowSimulator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The end-to-end load harness: PostgreSQL (a fresh database per run), the engine with its servlets
 * on Jetty in a child JVM ({@link EngineServer}, heap capped), the SmartSuite and Webflow
 * simulators and a load generator in this JVM. Prints one result table; the last line starts with
 * {@code RESULT}.
 *
 * <pre>
 * benchmarks/run-e2e                                  # 10,000 signed webhooks over 2,000 records
 * benchmarks/run-e2e --naive                          # the same, one item per Webflow request
 * benchmarks/run-e2e --mode native --latency 20ms    # SmartSuite's own webhooks: ping, ListEvents
 * benchmarks/run-e2e --mode ingest --events 30000     # ingest only (no workers)
 * benchmarks/run-e2e --mode backfill --records 100000 # backfill under -Xmx256m
 * benchmarks/run-e2e --two-way                        # Webflow Editor edits back to SmartSuite
 * </pre>
 */
public final class E2eHarness {
  private final Map<String, String> o;
  private final Map<String, String> rows = new LinkedHashMap<>();

  private E2eHarness(Map<String, String> options) {
    this.o = options;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> o = new HashMap<>();
    o.put("mode", "webhooks");
    o.put("events", "10000");
    o.put("rate", "60");
    // The conditions issue #16 measured under: a budget of 60 requests per 6 s (Webflow's 60 per
    // minute, ten times faster) and 20 ms per simulator request.
    o.put("window", "6s");
    o.put("concurrency", "32");
    o.put("send-rate", "0");
    o.put("heap", "256m");
    o.put("workers", "2");
    o.put("linger", WorkerSettings.DEFAULT_LINGER.toString());
    o.put("pool", "16");
    o.put("timeout", "30m");
    o.put("duplicates", "0.2");
    o.put("deletes", "0.05");
    o.put("warmup", "60s");
    o.put("latency", "20ms");
    o.put("edits", "300");
    o.put("edit-rate", "1.5");
    o.put("forward-rate", "0.5");
    o.put("drain", "120s");
    for (int i = 0; i < args.length; i++) {
      String k = args[i].replaceFirst("^--", "");
      if (k.equals("naive") || k.equals("keep-db") || k.equals("timeline")) {
        o.put(k, "true");
      } else if (k.equals("two-way")) {
        o.put("mode", "two-way");
      } else if (k.equals("help") || i + 1 >= args.length) {
        System.out.println(usage());
        System.exit(k.equals("help") ? 0 : 2);
      } else {
        o.put(k, args[++i]);
      }
    }
    o.putIfAbsent(
        "records",
        switch (o.get("mode")) {
          case "backfill" -> "100000";
          case "two-way" -> "100";
          default -> "2000";
        });
    System.exit(new E2eHarness(o).run() ? 0 : 1);
  }

  /**
   * A server is measured warm, as it runs: untimed deliveries of other workloads (fresh delivery
   * ids, the same records) until {@code time} has passed, so the JIT has compiled the ingest path
   * (under load the engine keeps compiling for about a minute) and the pools are full.
   */
  private void warmUp(LoadGenerator gen, int records, Duration time) throws InterruptedException {
    long until = System.nanoTime() + time.toNanos();
    long sent = 0;
    for (long seed = 1000; System.nanoTime() < until; seed++) {
      List<Workload.Delivery> d =
          Workload.generate(5000, Math.min(1000, records), 0, 0, seed).deliveries();
      gen.run(d);
      sent += d.size();
    }
    row("warm-up", String.format("%s, %,d untimed deliveries first", time, sent));
  }

  private static String usage() {
    return "run-e2e [--mode webhooks|native|ingest|backfill] [--events N] [--records N] [--naive]\n"
        + "        [--rate 60] [--window 6s] [--concurrency 32] [--send-rate 0 (per s, 0=max)]\n"
        + "        [--heap 256m] [--workers 2] [--linger PT0.5S] [--pool 16] [--timeout 30m] [--keep-db]\n"
        + "        [--timeline (Webflow requests and 429s per window)]\n"
        + "        [--latency 20ms (each simulator request takes this long, both APIs)]\n"
        + "  native: changes made in the SmartSuite simulator, which pings the engine's webhook;\n"
        + "          lag counts from each change's event_at to the Webflow write\n"
        + "        [--warmup 60s (ingest mode: untimed deliveries first, until the JIT settles)]\n"
        + "  --two-way (= --mode two-way): a two-way connection over --records 100 backfilled records;\n"
        + "          --edits 300 Webflow Editor edits at --edit-rate 1.5/s while SmartSuite edits go on\n"
        + "          at --forward-rate 0.5/s (0: none); lag both ways; --drain 120s to settle after\n"
        + "env SYNC_BENCH_POSTGRES_URL (default jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres)";
  }

  private boolean run() throws Exception {
    String mode = o.get("mode");
    boolean twoWay = mode.equals("two-way");
    boolean backfill = mode.equals("backfill") || twoWay;
    boolean ingestOnly = mode.equals("ingest");
    boolean nativeHooks = mode.equals("native");
    Duration latency = duration(o.get("latency"));
    int rate = Integer.parseInt(o.get("rate"));
    Duration window = duration(o.get("window"));
    int records = Integer.parseInt(o.get("records"));
    int batch = o.containsKey("naive") ? 1 : 100;
    row("mode", mode + (batch == 1 ? " (naive: 1 item per request)" : " (batches of up to 100)"));
    row("machine", Runtime.getRuntime().availableProcessors() + " cores, load " + loadAverage());
    if (!latency.isZero()) {
      row("simulators", latency.toMillis() + " ms per request (SmartSuite and Webflow)");
    }

    String admin = BenchSetup.adminUrl();
    String dbName = "sync_e2e_" + ProcessHandle.current().pid();
    String db = BenchSetup.freshDatabase(admin, dbName);
    boolean correct;
    try (WebflowSimulator wf =
            WebflowSimulator.builder()
                .rateLimit(rate, window)
                .latency(latency)
                .tokens(BenchSetup.WEBFLOW_TOKEN)
                .start();
        SmartSuiteSimulator ss =
            SmartSuiteSimulator.builder().apiKey("bench-smartsuite-key").latency(latency).start()) {
      String site = wf.createSite("Bench");
      String collection = wf.createCollection(site, "Products", BenchSetup.collectionFields());
      BenchSetup.createTable(ss);
      TwoWayRun two = twoWay ? new TwoWayRun(this, ss, wf, site, collection) : null;
      if (two != null) {
        two.prepare(records);
      } else if (backfill) {
        long t0 = System.nanoTime();
        seed(ss, records);
        System.err.printf(
            "seeded %,d SmartSuite records in %.1f s%n", records, (System.nanoTime() - t0) / 1e9);
      }

      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.add("-Xmx" + o.get("heap"));
      String engineOpts = System.getenv("E2E_ENGINE_OPTS"); // e.g. a profiler, for investigations
      if (engineOpts != null && !engineOpts.isBlank()) {
        cmd.addAll(List.of(engineOpts.trim().split("\\s+")));
      }
      cmd.add("-cp");
      cmd.add(System.getProperty("java.class.path"));
      cmd.add(EngineServer.class.getName());
      arg(cmd, "db", db);
      arg(cmd, "pool", o.get("pool"));
      arg(cmd, "linger", o.get("linger"));
      arg(cmd, "workers", ingestOnly ? "0" : o.get("workers"));
      arg(cmd, "batch", Integer.toString(batch));
      arg(cmd, "rate", Integer.toString(rate));
      arg(cmd, "window", window.toString());
      arg(cmd, "webflow", wf.baseUrl());
      arg(cmd, "smartsuite", ss.baseUrl());
      arg(cmd, "smartsuite-hooks", ss.webhooksUrl());
      arg(cmd, "api-key", ss.apiKey());
      arg(cmd, "account-id", ss.accountId());
      arg(cmd, "site", site);
      arg(cmd, "collection", collection);
      if (backfill) {
        arg(cmd, "backfill", "true");
      }
      if (nativeHooks) {
        arg(cmd, "native", "true");
      }
      if (twoWay) {
        arg(cmd, "two-way", "true");
      }
      Process child =
          new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      Map<String, String> said = new ConcurrentHashMap<>();
      CompletableFuture<Integer> ready = new CompletableFuture<>();
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader r =
                    new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = r.readLine()) != null) {
                    String[] kv = line.split(" ", 2);
                    if (kv[0].equals("READY")) {
                      ready.complete(Integer.parseInt(kv[1].trim()));
                    } else if (kv.length == 2) {
                      said.put(kv[0], kv[1].trim());
                    }
                  }
                } catch (Exception e) {
                  ready.completeExceptionally(e);
                }
                ready.completeExceptionally(new IllegalStateException("engine process ended"));
              },
              "engine-stdout");
      reader.setDaemon(true);
      reader.start();
      int port = ready.get(120, TimeUnit.SECONDS);
      Timeline timeline = o.containsKey("timeline") ? Timeline.start(wf, window) : null;
      long started = System.nanoTime();
      try {
        if (two != null) {
          correct = two.run(db, records);
        } else if (nativeHooks) {
          correct = runNative(ss, wf, collection, db, records);
        } else if (!backfill) {
          Workload w =
              Workload.generate(
                  Integer.parseInt(o.get("events")),
                  records,
                  Double.parseDouble(o.get("duplicates")),
                  Double.parseDouble(o.get("deletes")),
                  42L);
          LoadGenerator gen =
              new LoadGenerator(
                  URI.create("http://127.0.0.1:" + port + "/sync/hooks/" + BenchSetup.CONNECTION),
                  Integer.parseInt(o.get("concurrency")),
                  Double.parseDouble(o.get("send-rate")));
          if (ingestOnly) {
            warmUp(gen, records, duration(o.get("warmup")));
          }
          LoadGenerator.Result r = gen.run(w.deliveries());
          row(
              "webhooks sent",
              String.format(
                  "%,d over %,d records (%d redeliveries, %d deletes), %d senders",
                  r.sent(),
                  records,
                  w.deliveries().stream().filter(Workload.Delivery::duplicate).count(),
                  w.expected().values().stream().filter(Workload.Expected::deleted).count(),
                  Integer.parseInt(o.get("concurrency"))));
          row(
              "ingest rate",
              String.format(
                  "%,.0f webhooks/s acknowledged 2xx (%d failed, %d retried, %d answered as"
                      + " duplicates)",
                  r.perSecond(), r.failed(), gen.retries(), r.duplicates()));
          row(
              "ack latency",
              String.format(
                  "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms",
                  r.percentileMs(50), r.percentileMs(95), r.percentileMs(99)));
          rows.put("_ingest", String.format(Locale.ROOT, "%.0f", r.perSecond()));
          rows.put("_ack99", String.format(Locale.ROOT, "%.1f", r.percentileMs(99)));
          if (!ingestOnly) {
            awaitDrained(db, false);
          }
          correct = ingestOnly ? r.failed() == 0 : checkWebhooks(wf, collection, w.expected());
        } else {
          awaitDrained(db, true);
          correct = checkBackfill(wf, collection, ss);
        }
        row("total time", String.format("%.1f s", (System.nanoTime() - started) / 1e9));
      } finally {
        try (Writer stdin =
            new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8)) {
          stdin.write("STOP\n");
        } catch (Exception ignored) {
          // already gone
        }
        if (!child.waitFor(60, TimeUnit.SECONDS)) {
          child.destroyForcibly();
        }
        reader.join(5000);
      }
      if (!ingestOnly && !twoWay) {
        report(db, wf.stats(), rate, window, batch);
      }
      if (timeline != null) {
        row("timeline", timeline.stop());
      }
      long peak = Long.parseLong(said.getOrDefault("PEAK_HEAP", "-1"));
      long live = Long.parseLong(said.getOrDefault("PEAK_LIVE", "-1"));
      long max = Long.parseLong(said.getOrDefault("MAX_HEAP", "-1"));
      row(
          "engine peak heap",
          String.format(
              "%.0f MB used (%.0f MB live after GC) of -Xmx%s (max %.0f MB); engine exit %d",
              peak / 1048576.0,
              live / 1048576.0,
              o.get("heap"),
              max / 1048576.0,
              child.exitValue()));
      rows.put("_heap", String.format(Locale.ROOT, "%.0f", peak / 1048576.0));
      correct &= child.exitValue() == 0;
      row("correct", correct ? "yes" : "no");
    } finally {
      if (!o.containsKey("keep-db")) {
        BenchSetup.execute(admin, "DROP DATABASE IF EXISTS " + dbName);
      } else {
        row("database", db);
      }
    }
    row("load after", loadAverage());
    print(correct);
    return correct;
  }

  /**
   * Makes the changes in the SmartSuite simulator (which pings the engine), waits until the last
   * ping is answered and the queue is drained, then checks Webflow and reports lag from each
   * change's {@code event_at} to the Webflow write.
   */
  private boolean runNative(
      SmartSuiteSimulator ss, WebflowSimulator wf, String collection, String db, int records)
      throws Exception {
    Workload w =
        Workload.generate(
            Integer.parseInt(o.get("events")),
            records,
            0,
            Double.parseDouble(o.get("deletes")),
            42L);
    LagMeter meter = new LagMeter();
    wf.onWrite(meter);
    NativeLoad load = new NativeLoad(ss, Double.parseDouble(o.get("send-rate")));
    long t0 = System.nanoTime();
    List<NativeLoad.Change> changes = load.run(w);
    double seconds = (System.nanoTime() - t0) / 1e9;
    row(
        "changes made",
        String.format(
            "%,d at SmartSuite over %,d records in %.1f s (%.1f/s; %d deletes)",
            changes.size(),
            records,
            seconds,
            changes.size() / seconds,
            changes.stream().filter(NativeLoad.Change::delete).count()));
    if (!ss.awaitPingsDelivered(Duration.ofMinutes(2))) {
      throw new IllegalStateException("pings still undelivered after 2 minutes");
    }
    awaitDrained(db, false);
    row(
        "pings",
        String.format(
            "%,d delivered, %d failed; SmartSuite requests %,d, %d answered 429",
            ss.pingsDelivered(), ss.pingsFailed(), ss.requests().size(), ss.rateLimitedCount()));
    LagMeter.Result lag = meter.lags(changes);
    wf.onWrite(null);
    row(
        "lag from event_at",
        String.format(
            "p50 %,d ms, p95 %,d ms, p99 %,d ms, max %,d ms over %,d changes (%d never written)"
                + " (SmartSuite change -> Webflow write applied)",
            lag.percentile(50),
            lag.percentile(95),
            lag.percentile(99),
            lag.percentile(100),
            lag.sortedMs().length,
            lag.missing()));
    rows.put("_lagNative95", Long.toString(lag.percentile(95)));
    rows.put("_lagNative50", Long.toString(lag.percentile(50)));
    return checkWebhooks(wf, collection, load.expected(w)) && lag.missing() == 0;
  }

  private static void seed(SmartSuiteSimulator ss, int records) {
    for (int i = 0; i < records; i++) {
      ObjectNode v = BenchSetup.JSON.createObjectNode();
      v.put("title", "Product " + i);
      v.put("s_price", (1 + i % 500) + "." + String.format("%02d", i % 100));
      v.put("s_colour", i % 2 == 0 ? "c1" : "c2");
      v.put("s_rev", 1);
      v.put("s_live", i % 3 == 0);
      v.put("s_notes", "Steep 3-4 minutes at 95°C. Store in a cool, dry place. Batch " + i);
      ss.createRecord(BenchSetup.TABLE, v);
    }
  }

  /** Waits until nothing is pending or claimed (and, for a backfill, the listing is done). */
  void awaitDrained(String db, boolean backfill) throws Exception {
    long deadline = System.nanoTime() + duration(o.get("timeout")).toNanos();
    long lastPrint = 0;
    try (Connection c = DriverManager.getConnection(db)) {
      while (true) {
        // cheap while the backlog is large: whether anything waits, counted only for the progress
        // line (a count every 100 ms over 100k queued jobs costs the database a core)
        boolean print = System.nanoTime() - lastPrint > 10_000_000_000L;
        long waiting =
            longQuery(
                c,
                print
                    ? "SELECT count(*) FROM sync_job WHERE connection_id = ? AND state IN"
                        + " ('PENDING','CLAIMED')"
                    : "SELECT count(*) FROM (SELECT 1 FROM sync_job WHERE connection_id = ? AND"
                        + " state IN ('PENDING','CLAIMED') LIMIT 1) x");
        String status = "";
        if (backfill) {
          status =
              stringQuery(
                  c,
                  "SELECT cursor_value FROM sync_cursor WHERE connection_id = ? AND cursor_name ="
                      + " 'backfill.status'");
        }
        boolean listed = !backfill || status != null && status.contains("\"state\":\"DONE\"");
        if (waiting == 0 && listed) {
          return;
        }
        if (backfill && status != null && status.contains("\"state\":\"FAILED\"")) {
          throw new IllegalStateException("backfill failed: " + status);
        }
        if (print) {
          lastPrint = System.nanoTime();
          System.err.printf("waiting: %,d jobs queued %s%n", waiting, backfill ? status : "");
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("queue not drained in " + o.get("timeout"));
        }
        Thread.sleep(100);
      }
    }
  }

  private void report(String db, SimStats stats, int rate, Duration window, int batch)
      throws SQLException {
    try (Connection c = DriverManager.getConnection(db)) {
      long[] s;
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT count(*), min(logged_at), max(logged_at),"
                  + " percentile_disc(0.5) WITHIN GROUP (ORDER BY latency_ms),"
                  + " percentile_disc(0.95) WITHIN GROUP (ORDER BY latency_ms),"
                  + " percentile_disc(0.99) WITHIN GROUP (ORDER BY latency_ms)"
                  + " FROM sync_event_log WHERE connection_id = ? AND status = 'SUCCESS'")) {
        ps.setString(1, BenchSetup.CONNECTION);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          s =
              new long[] {
                rs.getLong(1),
                rs.getLong(2),
                rs.getLong(3),
                rs.getLong(4),
                rs.getLong(5),
                rs.getLong(6)
              };
        }
      }
      Map<String, Long> byStatus = new LinkedHashMap<>();
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT status, count(*) FROM sync_event_log WHERE connection_id = ? GROUP BY status"
                  + " ORDER BY status")) {
        ps.setString(1, BenchSetup.CONNECTION);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            byStatus.put(rs.getString(1), rs.getLong(2));
          }
        }
      }
      long items = s[0];
      double spanSeconds = Math.max(1e-3, (s[2] - s[1]) / 1e6);
      long writeRequests =
          stats.count(SimOperation.CREATE_ITEMS)
              + stats.count(SimOperation.UPDATE_ITEMS)
              + stats.count(SimOperation.DELETE_ITEMS);
      double windowSeconds = window.toMillis() / 1000.0;
      double perWindow = items <= 1 ? items : (items - 1) / spanSeconds * windowSeconds;
      double target = 0.9 * rate * 100;
      row(
          "items written",
          String.format("%,d (sync log: %s)", items, byStatus.toString().replace("=", " ")));
      row(
          "e2e lag",
          String.format(
              "p50 %,d ms, p95 %,d ms, p99 %,d ms (%s -> Webflow write recorded)",
              s[3],
              s[4],
              s[5],
              o.get("mode").equals("native") ? "pulled from ListEvents" : "webhook received"));
      row(
          "webflow requests",
          String.format(
              "%,d used (%,d writes) in %.1f s = %.1f per %s window; budget %d per window",
              stats.requests(),
              writeRequests,
              spanSeconds,
              stats.requests() / Math.max(1.0, spanSeconds / windowSeconds),
              o.get("window"),
              rate));
      row(
          "items per request",
          String.format(
              "%.1f (items / accepted write requests; batch limit %d)",
              items / (double) Math.max(1, writeRequests - stats.rateLimited()), batch));
      row(
          "write requests",
          String.format(
              "%,d create, %,d update, %,d delete, %,d other",
              stats.count(SimOperation.CREATE_ITEMS),
              stats.count(SimOperation.UPDATE_ITEMS),
              stats.count(SimOperation.DELETE_ITEMS),
              stats.requests() - writeRequests));
      row("429 answers", Long.toString(stats.rateLimited()));
      row(
          "delivery rate",
          String.format(
              "%,.0f items per %s window (= items/min at Webflow's 60 s window); target >= %,.0f"
                  + " (90%% of %d x 100) when the backlog is large: %s",
              perWindow, o.get("window"), target, rate, perWindow >= target ? "met" : "not met"));
      rows.put("_lag95", Long.toString(s[4]));
      rows.put("_lag50", Long.toString(s[3]));
      rows.put("_perWindow", String.format(Locale.ROOT, "%.0f", perWindow));
      rows.put("_429", Long.toString(stats.rateLimited()));
      rows.put("_requests", Long.toString(stats.requests()));
    }
  }

  private boolean checkWebhooks(
      WebflowSimulator wf, String collection, Map<String, Workload.Expected> expected) {
    Map<String, SimItem> items = itemsBySource(wf, collection);
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, Workload.Expected> e : expected.entrySet()) {
      SimItem item = items.get(e.getKey());
      Workload.Expected x = e.getValue();
      if (x.deleted()) {
        if (item != null) {
          wrong.add(e.getKey() + " deleted but still in Webflow");
        }
      } else if (item == null) {
        wrong.add(e.getKey() + " missing");
      } else if (!item.fieldData().path("name").asText().equals(x.title())
          || item.fieldData().path("rev").asLong() != x.rev()) {
        wrong.add(
            e.getKey() + " has rev " + item.fieldData().path("rev") + ", expected " + x.rev());
      }
    }
    if (items.size() != expected.values().stream().filter(x -> !x.deleted()).count()) {
      wrong.add("Webflow holds " + items.size() + " items");
    }
    return verdict(wrong, wf.items(collection).size());
  }

  private boolean checkBackfill(WebflowSimulator wf, String collection, SmartSuiteSimulator ss) {
    Map<String, SimItem> items = itemsBySource(wf, collection);
    List<String> wrong = new ArrayList<>();
    List<ObjectNode> table = ss.records(BenchSetup.TABLE);
    for (ObjectNode r : table) {
      SimItem item = items.get(r.path("id").asText());
      if (item == null) {
        wrong.add(r.path("id").asText() + " missing");
      } else if (!item.fieldData().path("name").asText().equals(r.path("title").asText())) {
        wrong.add(r.path("id").asText() + " has the wrong name");
      }
    }
    if (items.size() != table.size()) {
      wrong.add("Webflow holds " + items.size() + " items for " + table.size() + " records");
    }
    return verdict(wrong, wf.items(collection).size());
  }

  private static Map<String, SimItem> itemsBySource(WebflowSimulator wf, String collection) {
    Map<String, SimItem> out = new HashMap<>();
    for (SimItem i : wf.items(collection)) {
      JsonNode id = i.fieldData().path("source-id");
      if (out.put(id.asText(), i) != null) {
        out.put("duplicate:" + id.asText() + ":" + i.id(), i);
      }
    }
    return out;
  }

  private boolean verdict(List<String> wrong, int itemCount) {
    row(
        "webflow state",
        String.format(
            "%,d items; %s",
            itemCount,
            wrong.isEmpty()
                ? "every record at its newest version, deleted ones gone"
                : wrong.size() + " wrong, e.g. " + wrong.subList(0, Math.min(3, wrong.size()))));
    return wrong.isEmpty();
  }

  private void print(boolean correct) {
    System.out.println();
    System.out.println("SyncEngine end-to-end benchmark");
    int width =
        rows.keySet().stream()
            .filter(k -> !k.startsWith("_"))
            .mapToInt(String::length)
            .max()
            .orElse(10);
    rows.forEach(
        (k, v) -> {
          if (!k.startsWith("_")) {
            System.out.printf("  %-" + width + "s  %s%n", k, v);
          }
        });
    StringBuilder result = new StringBuilder("RESULT mode=").append(o.get("mode"));
    if (o.containsKey("naive")) {
      result.append(" naive=true");
    }
    appendIf(result, "ingest_per_s", "_ingest");
    appendIf(result, "ack_p99_ms", "_ack99");
    appendIf(result, "reverse_lag_p50_ms", "_lagReverse50");
    appendIf(result, "reverse_lag_p95_ms", "_lagReverse95");
    appendIf(result, "reverse_lag_p99_ms", "_lagReverse99");
    if (rows.containsKey("_lagNative95")) {
      appendIf(result, "lag_p50_ms", "_lagNative50");
      appendIf(result, "lag_p95_ms", "_lagNative95");
    } else {
      appendIf(result, "lag_p50_ms", "_lag50");
      appendIf(result, "lag_p95_ms", "_lag95");
    }
    appendIf(result, "items_per_window", "_perWindow");
    appendIf(result, "webflow_requests", "_requests");
    appendIf(result, "rate_limited", "_429");
    appendIf(result, "rate_limited_smartsuite", "_429smartsuite");
    appendIf(result, "echoes", "_echoes");
    appendIf(result, "peak_heap_mb", "_heap");
    result.append(" correct=").append(correct ? "yes" : "no");
    System.out.println(result);
  }

  private void appendIf(StringBuilder sb, String name, String key) {
    if (rows.containsKey(key)) {
      sb.append(' ').append(name).append('=').append(rows.get(key));
    }
  }

  void row(String k, String v) {
    rows.put(k, v);
  }

  /** The result rows; keys starting with {@code _} feed only the RESULT line. */
  Map<String, String> rows() {
    return rows;
  }

  /** An option's value (defaults applied). */
  String option(String name) {
    return o.get(name);
  }

  private static void arg(List<String> cmd, String k, String v) {
    cmd.add("--" + k);
    cmd.add(v);
  }

  private static long longQuery(Connection c, String sql) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, BenchSetup.CONNECTION);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  private static String stringQuery(Connection c, String sql) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, BenchSetup.CONNECTION);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  static Duration duration(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    if (t.startsWith("pt")) {
      return Duration.parse(t);
    }
    if (t.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
    }
    long n = Long.parseLong(t.substring(0, t.length() - 1));
    return switch (t.charAt(t.length() - 1)) {
      case 's' -> Duration.ofSeconds(n);
      case 'm' -> Duration.ofMinutes(n);
      case 'h' -> Duration.ofHours(n);
      default -> throw new IllegalArgumentException("duration like 10s, 500ms, 2m: " + s);
    };
  }

  private static String loadAverage() {
    try {
      String[] p = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return p[0] + " " + p[1] + " " + p[2] + " (1/5/15 min)";
    } catch (Exception e) {
      return "unknown";
    }
  }
}
