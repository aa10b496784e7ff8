package dev.syncengine.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.crypto.SecretBox;
import dev.syncengine.servlet.AdminSecurity;
import dev.syncengine.testing.Await;
import dev.syncengine.testing.db.PostgresDatabase;
import dev.syncengine.testing.smartsuite.SimField;
import dev.syncengine.testing.smartsuite.SimWebhookDelivery;
import dev.syncengine.testing.smartsuite.SmartSuiteSimulator;
import dev.syncengine.testing.webflow.SimItem;
import dev.syncengine.testing.webflow.WebflowSimulator;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 8: the real reference app (Spring Boot jar, real mode, PostgreSQL) with ingress, native
 * SmartSuite pings, backfill and workers in one JVM, killed with SIGKILL twenty times while a mixed
 * burst flows (creates, repeated updates of the same records, deletes), restarted each time on the
 * same database. Driven only through the documented admin API; SmartSuite and Webflow are the
 * simulators over HTTP. The mapping has no record-id marker field (the connection option), so a
 * lost create can only be recognised by what the engine itself knows.
 *
 * <p>After every restart the app must bring Webflow to SmartSuite's state by itself (the dead
 * predecessor's claims taken over, changes announced while it was down pulled); at the end every
 * record is in Webflow exactly once at its newest data, and deleted records are gone.
 */
class RealAppCrashTest {
  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();

  private static final int CYCLES = Integer.getInteger("crash.cycles", 20);
  private static final String TABLE = "tblcrash";
  private static final String CONNECTION = "crash";
  private static final String PASSWORD = "crash-test-admin-password";
  private static final String WF_TOKEN = "wf-token-crash-0123456789abcdef";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Random random = new Random(Long.getLong("crash.seed", 20L));
  private final List<String> live = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger serial = new AtomicInteger();

  @Test
  void twentyKillsOfTheRealAppMidBurstLeaveEveryRecordExactlyOnceAtItsNewestData()
      throws Exception {
    Path jar =
        Path.of(
            System.getProperty(
                "reference.app.jar", "../examples/reference-app/target/reference-app.jar"));
    assertThat(jar)
        .as("the reference app jar (built by the examples module before sync-it)")
        .exists();
    Path logs = Path.of("target", "crash-logs");
    Files.createDirectories(logs);
    try (SmartSuiteSimulator ss =
            SmartSuiteSimulator.builder()
                .apiKey("ss-crash-key")
                .delivery(new SimWebhookDelivery(2, Duration.ofMillis(50), 3L))
                .start();
        WebflowSimulator wf =
            WebflowSimulator.builder()
                .rateLimit(600, Duration.ofMinutes(1))
                .latency(Duration.ofMillis(20))
                .tokens(WF_TOKEN)
                .start()) {
      ss.createTable(
          "sol1",
          TABLE,
          "Crash items",
          List.of(
              SimField.of("price", "Price", "numberfield"),
              SimField.of("rev", "Rev", "numberfield")));
      String site = wf.createSite("Crash shop");
      String collection =
          wf.createCollection(
              site,
              "Items",
              List.of(
                  dev.syncengine.testing.webflow.SimField.optional("price", "Number"),
                  dev.syncengine.testing.webflow.SimField.optional("rev", "Number"),
                  dev.syncengine.testing.webflow.SimField.optional("recid", "PlainText")));
      for (int i = 0; i < 60; i++) {
        create(ss);
      }

      App app = new App(jar, logs, ss, wf);
      try {
        run(app, ss, wf, site, collection);
      } finally {
        app.destroy(); // never leave the app running, even when an assertion failed
      }
    }
  }

  private void run(
      App app, SmartSuiteSimulator ss, WebflowSimulator wf, String site, String collection)
      throws Exception {
    List<long[]> figures = new ArrayList<>(); // {startup ms, settle ms after start}
    int kills = 0;
    for (int cycle = 0; cycle <= CYCLES; cycle++) {
      long started = System.nanoTime();
      app.start(cycle);
      long ready = System.nanoTime();
      if (cycle == 0) {
        app.setUp(ss, site, collection);
      }
      awaitWebflowMatches(ss, wf, collection, Duration.ofSeconds(90), app, cycle);
      long settled = System.nanoTime();
      if (cycle > 0) {
        figures.add(
            new long[] {
              TimeUnit.NANOSECONDS.toMillis(ready - started),
              TimeUnit.NANOSECONDS.toMillis(settled - started)
            });
      }
      if (cycle == CYCLES) {
        break;
      }
      // A burst of changes; the app is killed somewhere inside it, and the burst goes on for
      // a moment while nothing listens (those pings fail: the restart must pull them).
      AtomicBoolean stop = new AtomicBoolean();
      Thread burst = new Thread(() -> burst(ss, stop), "burst");
      burst.start();
      Thread.sleep(300 + random.nextInt(2_500)); // when to kill is the fault, not a wait
      app.kill();
      kills++;
      Thread.sleep(200 + random.nextInt(800)); // how long the burst outlives the app
      stop.set(true);
      burst.join();
    }
    app.stop();

    Map<String, Long> perRecord = itemsPerRecord(wf, collection);
    long duplicates = perRecord.values().stream().filter(n -> n > 1).count();
    long startupMax = figures.stream().mapToLong(f -> f[0]).max().orElse(0);
    List<Long> settle = figures.stream().map(f -> f[1]).sorted().toList();
    System.out.printf(
        "RESULT real-app crash: cycles=%d kills=%d records=%d items=%d duplicates=%d"
            + " startup_max_ms=%d settle_after_start_ms p50=%d max=%d creates=%d slug_suffixes=%d%n",
        CYCLES,
        kills,
        ss.records(TABLE).size(),
        wf.items(collection).size(),
        duplicates,
        startupMax,
        settle.get(settle.size() / 2),
        settle.get(settle.size() - 1),
        wf.stats().itemsCreated(),
        app.grep("taken, used"));
    assertThat(kills).isEqualTo(CYCLES);
    assertThat(app.grep("taken, used"))
        .as("creates that met their own item's slug (every title is unique)")
        .isZero();
    assertThat(duplicates).as("records with more than one Webflow item").isZero();
    assertExactlyOnceAtNewest(ss, wf, collection);
    // Taking over the dead predecessor's claims is bounded by the 10 s lease, counted from the
    // kill; the restart itself is part of what is measured here.
    assertThat(settle.get(settle.size() - 1) - startupMax)
        .as("slowest settle beyond the slowest start-up (ms)")
        .isLessThan(25_000);
  }

  private void create(SmartSuiteSimulator ss) {
    int n = serial.incrementAndGet();
    ObjectNode v = Changes.JSON.createObjectNode();
    v.put("title", "Crash item " + n);
    v.put("price", String.valueOf(n));
    v.put("rev", "1");
    live.add(ss.createRecord(TABLE, v).path("id").asText());
  }

  /** About 40 changes a second: 20% creates, 70% updates (hot records often), 10% deletes. */
  private void burst(SmartSuiteSimulator ss, AtomicBoolean stop) {
    Random r = new Random(random.nextLong());
    while (!stop.get()) {
      int dice = r.nextInt(10);
      if (dice < 2 || live.size() < 10) {
        create(ss);
      } else if (dice < 9) {
        // A small hot set gets most updates, so records change while their writes are in flight.
        int idx = r.nextInt(3) == 0 ? r.nextInt(Math.min(8, live.size())) : r.nextInt(live.size());
        String id = live.get(live.size() - 1 - idx);
        ObjectNode current = ss.record(TABLE, id).orElse(null);
        if (current != null) {
          long rev = Long.parseLong(current.path("rev").asText("1")) + 1;
          ObjectNode v = Changes.JSON.createObjectNode();
          v.put("rev", String.valueOf(rev));
          v.put("price", String.valueOf(rev * 3));
          ss.updateRecord(TABLE, id, v);
        }
      } else {
        String id = live.remove(r.nextInt(live.size()));
        ss.deleteRecord(TABLE, id);
      }
      try {
        Thread.sleep(25); // the burst's pace, 40 changes a second
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static Map<String, Long> itemsPerRecord(WebflowSimulator wf, String collection) {
    return wf.items(collection).stream()
        .collect(
            Collectors.groupingBy(
                i -> i.fieldData().path("recid").asText(), Collectors.counting()));
  }

  private static void awaitWebflowMatches(
      SmartSuiteSimulator ss,
      WebflowSimulator wf,
      String collection,
      Duration timeout,
      App app,
      int cycle)
      throws InterruptedException {
    Await.until(
        timeout,
        () ->
            "Webflow at SmartSuite's state after start "
                + cycle
                + ": "
                + mismatch(ss, wf, collection),
        () -> {
          if (!app.alive()) {
            throw new AssertionError("the app died by itself; see " + app.log);
          }
          return mismatch(ss, wf, collection) == null;
        });
  }

  /** Null when Webflow holds every record once at its newest data and nothing else. */
  private static String mismatch(SmartSuiteSimulator ss, WebflowSimulator wf, String collection) {
    Map<String, List<SimItem>> items = new HashMap<>();
    for (SimItem i : wf.items(collection)) {
      items.computeIfAbsent(i.fieldData().path("recid").asText(), k -> new ArrayList<>()).add(i);
    }
    List<ObjectNode> records = ss.records(TABLE);
    for (ObjectNode r : records) {
      String id = r.path("id").asText();
      List<SimItem> mine = items.remove(id);
      if (mine == null) {
        return "record " + id + " has no item";
      }
      if (mine.size() > 1) {
        return "record " + id + " has " + mine.size() + " items";
      }
      JsonNode fd = mine.get(0).fieldData();
      if (fd.path("rev").decimalValue().compareTo(new BigDecimal(r.path("rev").asText("1"))) != 0) {
        return "record " + id + " at rev " + fd.path("rev") + ", SmartSuite has " + r.path("rev");
      }
    }
    return items.isEmpty() ? null : "items of deleted records remain: " + items.keySet();
  }

  private static void assertExactlyOnceAtNewest(
      SmartSuiteSimulator ss, WebflowSimulator wf, String collection) {
    Map<String, SimItem> byRecord = new LinkedHashMap<>();
    for (SimItem i : wf.items(collection)) {
      assertThat(byRecord.put(i.fieldData().path("recid").asText(), i))
          .as("second item for record %s", i.fieldData().path("recid").asText())
          .isNull();
    }
    List<ObjectNode> records = ss.records(TABLE);
    assertThat(byRecord.keySet())
        .containsExactlyInAnyOrderElementsOf(
            records.stream().map(r -> r.path("id").asText()).toList());
    for (ObjectNode r : records) {
      SimItem item = byRecord.get(r.path("id").asText());
      assertThat(item.fieldData().path("name").asText()).isEqualTo(r.path("title").asText());
      assertThat(item.fieldData().path("rev").decimalValue())
          .isEqualByComparingTo(new BigDecimal(r.path("rev").asText()));
      assertThat(item.fieldData().path("price").decimalValue())
          .isEqualByComparingTo(new BigDecimal(r.path("price").asText()));
      assertThat(item.isLive()).isTrue();
    }
  }

  /** The reference app as a child process, always on the same port and database. */
  private static final class App {
    private final Path jar;
    private final Path logs;
    private final SmartSuiteSimulator ss;
    private final WebflowSimulator wf;
    private final int port;
    private final String key = SecretBox.generateKey();
    private final String hash = AdminSecurity.hashPassword(PASSWORD.toCharArray());
    private final List<Path> logFiles = new ArrayList<>();
    private Process process;
    Path log;

    App(Path jar, Path logs, SmartSuiteSimulator ss, WebflowSimulator wf) throws IOException {
      this.jar = jar;
      this.logs = logs;
      this.ss = ss;
      this.wf = wf;
      try (ServerSocket s = new ServerSocket(0)) {
        this.port = s.getLocalPort();
      }
    }

    String base() {
      return "http://127.0.0.1:" + port;
    }

    void start(int cycle) throws Exception {
      log = logs.resolve("app-" + cycle + ".log");
      logFiles.add(log);
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      ProcessBuilder pb =
          new ProcessBuilder(
              java,
              "-Xmx384m",
              "-XX:TieredStopAtLevel=1",
              "-jar",
              jar.toAbsolutePath().toString(),
              "--spring.profiles.active=real",
              "--server.port=" + port,
              "--sync.admin.secure-cookie=false",
              "--sync.webflow.base-url=" + wf.baseUrl(),
              "--sync.webflow.rate-limit-per-minute=600",
              "--sync.smartsuite.base-url=" + ss.baseUrl(),
              "--sync.smartsuite.webhooks-url=" + ss.webhooksUrl(),
              "--sync.worker.linger=0s");
      Map<String, String> env = pb.environment();
      env.put("SYNC_DATABASE_URL", db.jdbcUrl());
      env.put("SYNC_ENCRYPTION_KEYS_K1", key);
      env.put("SYNC_ADMIN_PASSWORD_HASH", hash);
      env.put("SYNC_PUBLIC_URL", base());
      pb.redirectErrorStream(true).redirectOutput(log.toFile());
      process = pb.start();
      Process started = process;
      // Should this JVM be stopped mid-test, the app must not outlive it.
      Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
      Await.until(
          Duration.ofSeconds(90),
          () -> "the app to answer /actuator/health (log " + log + ")",
          () -> {
            if (!process.isAlive()) {
              throw new AssertionError(
                  "the app exited with " + process.exitValue() + "; see " + log);
            }
            try {
              return HTTP.send(
                          HttpRequest.newBuilder(URI.create(base() + "/actuator/health"))
                              .timeout(Duration.ofSeconds(2))
                              .build(),
                          HttpResponse.BodyHandlers.discarding())
                      .statusCode()
                  == 200;
            } catch (IOException e) {
              return false;
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return false;
            }
          });
    }

    boolean alive() {
      return process != null && process.isAlive();
    }

    void kill() throws InterruptedException {
      process.destroyForcibly(); // SIGKILL: no shutdown hook, no lease released
      assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    void destroy() {
      if (process != null && process.isAlive()) {
        process.destroyForcibly();
      }
    }

    void stop() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }

    long grep(String needle) throws IOException {
      long n = 0;
      for (Path p : logFiles) {
        try (var lines = Files.lines(p)) {
          n += lines.filter(l -> l.contains(needle)).count();
        }
      }
      return n;
    }

    /** Logs in, creates the connection with its mapping, registers the webhook, backfills. */
    void setUp(SmartSuiteSimulator ss, String site, String collection) throws Exception {
      Admin admin = Admin.login(base() + "/sync/admin/api", PASSWORD);
      ObjectNode c = Changes.JSON.createObjectNode();
      c.put("id", CONNECTION);
      c.put("name", "Crash items");
      c.putObject("source").put("type", "smartsuite").put("parentId", "sol1").put("id", TABLE);
      c.putObject("target").put("type", "webflow").put("parentId", site).put("id", collection);
      c.put("ingestionMode", "NATIVE_WEBHOOK");
      c.put("publishMode", "LIVE");
      c.put("deleteMode", "DELETE");
      c.put("paused", true);
      c.putObject("retry")
          .put("initialDelayMs", 200)
          .put("maxDelayMs", 2000)
          .put("maxAttempts", 100);
      c.putObject("credentials")
          .put("smartsuite.apiKey", ss.apiKey())
          .put("smartsuite.accountId", ss.accountId())
          .put("webflow.token", WF_TOKEN);
      admin.call("POST", "/connections", c, 201);
      ObjectNode spec = Changes.JSON.createObjectNode();
      spec.put("format", 1);
      ObjectNode fields = spec.putObject("fields");
      fields.put("name", "Title");
      fields.putObject("price").put("rule", "direct").put("source", "Price");
      fields.putObject("rev").put("rule", "direct").put("source", "Rev");
      fields.putObject("recid").put("rule", "jsonata").put("expression", "id");
      spec.putObject("slug").put("template", "{{kebab(Title)}}");
      ObjectNode put = Changes.JSON.createObjectNode();
      put.set("spec", spec);
      admin.call("PUT", "/connections/" + CONNECTION + "/mapping", put, 201);
      admin.call("POST", "/connections/" + CONNECTION + "/webhook/register", null, 200);
      admin.call("POST", "/connections/" + CONNECTION + "/resume", null, 200);
      admin.call("POST", "/connections/" + CONNECTION + "/backfill", null, 202);
    }
  }

  /** A logged-in admin API session (cookie and CSRF token). */
  private record Admin(String base, String cookie, String csrf) {
    static Admin login(String base, String password) throws Exception {
      ObjectNode body = Changes.JSON.createObjectNode().put("password", password);
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(base + "/session"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as("login: %s", r.body()).isEqualTo(200);
      String cookie = r.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
      return new Admin(base, cookie, Changes.JSON.readTree(r.body()).path("csrfToken").asText());
    }

    JsonNode call(String method, String path, JsonNode body, int expected) throws Exception {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(base + path))
              .header("Cookie", cookie)
              .header("X-CSRF-Token", csrf)
              .header("Content-Type", "application/json")
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body.toString()));
      HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as("%s %s: %s", method, path, r.body()).isEqualTo(expected);
      return r.body().isEmpty() ? null : Changes.JSON.readTree(r.body());
    }
  }
}
