package dev.syncengine.benchmarks.e2e;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.syncengine.core.SyncEngine;
import dev.syncengine.core.WorkerSettings;
import dev.syncengine.core.crypto.SecretBox;
import dev.syncengine.core.mapping.DefaultMappingCompiler;
import dev.syncengine.core.spi.Stores;
import dev.syncengine.servlet.SyncServlets;
import dev.syncengine.smartsuite.SmartSuiteSource;
import dev.syncengine.store.jdbc.JdbcStoreOptions;
import dev.syncengine.store.jdbc.JdbcStores;
import dev.syncengine.store.jdbc.JobSubscription;
import dev.syncengine.webflow.WebflowSink;
import jakarta.servlet.ServletContainerInitializer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The engine as a host runs it, in its own JVM so its heap is measured alone: PostgreSQL stores
 * (HikariCP, LISTEN/NOTIFY wake-ups), the SmartSuite source and Webflow sink pointed at the
 * simulators, the servlets on embedded Jetty. Started by {@link E2eHarness}; speaks on stdio:
 * prints {@code READY <port>}, then on {@code STOP} stops and prints {@code PEAK_HEAP <bytes>}.
 * With {@code --native true} the connection takes SmartSuite's own webhooks: the engine registers
 * one at the simulator (as it would at SmartSuite) before it says {@code READY}. With {@code
 * --two-way true} it is also two-way: the two-way mapping, and Webflow's item webhooks registered
 * at the engine's ingress.
 */
public final class EngineServer {
  private EngineServer() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> a = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    AtomicLong peak = new AtomicLong();
    AtomicLong peakLive = new AtomicLong();
    Thread sampler = new Thread(() -> sampleHeap(peak, peakLive), "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();

    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(a.get("db"));
    hc.setMaximumPoolSize(Integer.parseInt(a.getOrDefault("pool", "16")));
    HikariDataSource ds = new HikariDataSource(hc);
    // credentials are sealed at rest as a host would configure it (a throwaway key per run)
    JdbcStores jdbc =
        JdbcStores.create(
            ds,
            JdbcStoreOptions.builder()
                .secretBox(SecretBox.builder().key("bench", SecretBox.generateKey()).build())
                .build());
    int workers = Integer.parseInt(a.getOrDefault("workers", "2"));
    int[] port = new int[1];
    SyncEngine engine = engine(a, jdbc.stores(), workers, () -> port[0]);
    saveConnection(a, jdbc.stores());
    JobSubscription wake = jdbc.listen(engine::wakeUp);
    if (workers > 0) {
      engine.start();
    }
    QueuedThreadPool threads =
        new QueuedThreadPool(Integer.parseInt(a.getOrDefault("threads", "64")));
    threads.setName("jetty");
    Server server = new Server(threads);
    ServerConnector connector = serve(server, engine);
    port[0] = connector.getLocalPort();
    prepare(engine, a);
    System.out.println("READY " + connector.getLocalPort());
    System.out.flush();
    awaitStop();
    server.stop();
    engine.close();
    wake.close();
    jdbc.close();
    ds.close();
    System.out.println("PEAK_HEAP " + peak.get());
    System.out.println("PEAK_LIVE " + peakLive.get());
    System.out.println("MAX_HEAP " + Runtime.getRuntime().maxMemory());
    System.out.flush();
    System.exit(0);
  }

  /** The engine over the simulators, paced and sized by the harness's arguments. */
  private static SyncEngine engine(
      Map<String, String> a, Stores stores, int workers, IntSupplier port) {
    Duration window = Duration.parse(a.get("window"));
    SmartSuiteSource source =
        SmartSuiteSource.builder()
            .client(c -> c.baseUrl(a.get("smartsuite")).webhooksUrl(a.get("smartsuite-hooks")))
            .build();
    WebflowSink sink =
        WebflowSink.builder()
            .client(
                c ->
                    c.baseUrl(a.get("webflow"))
                        .rateLimitPerMinute(Integer.parseInt(a.get("rate")))
                        .rateLimitWindow(window))
            .build();
    return SyncEngine.builder()
        .stores(stores)
        .source(source)
        .sink(sink)
        .mappingCompiler(DefaultMappingCompiler.ofDefaults())
        .workers(
            new WorkerSettings(
                Math.max(1, workers),
                Integer.parseInt(
                    a.getOrDefault("claim", String.valueOf(WorkerSettings.DEFAULT_CLAIM_SIZE))),
                Duration.ofSeconds(1),
                Duration.ofMinutes(2),
                Duration.ofSeconds(10),
                Duration.parse(a.getOrDefault("linger", WorkerSettings.DEFAULT_LINGER.toString()))))
        .webhookUrl(
            c ->
                "http://127.0.0.1:"
                    + port.getAsInt()
                    + "/sync/hooks/"
                    + c.id()
                    + "/"
                    + BenchSetup.WEBHOOK_TOKEN)
        .build();
  }

  private static boolean twoWay(Map<String, String> a) {
    return Boolean.parseBoolean(a.getOrDefault("two-way", "false"));
  }

  private static boolean nativeHooks(Map<String, String> a) {
    return twoWay(a) || Boolean.parseBoolean(a.getOrDefault("native", "false"));
  }

  /** The benchmark's one connection and its mapping. */
  private static void saveConnection(Map<String, String> a, Stores stores) {
    int batch = Integer.parseInt(a.getOrDefault("batch", "100"));
    String key = a.get("api-key");
    String account = a.get("account-id");
    stores
        .connections()
        .save(
            twoWay(a)
                ? BenchSetup.twoWayConnection(
                    key, account, a.get("site"), a.get("collection"), batch)
                : BenchSetup.connection(
                    key, account, a.get("site"), a.get("collection"), batch, nativeHooks(a)));
    stores
        .connections()
        .saveMapping(
            BenchSetup.CONNECTION, twoWay(a) ? BenchSetup.twoWayMapping() : BenchSetup.mapping());
  }

  /**
   * What a host does once its servlets listen: registers SmartSuite's webhook (native and two-way),
   * the target's webhooks at the webhook URL plus {@code /target} (two-way: the Webflow simulator
   * then delivers its item webhooks here over HTTP), then starts the backfill.
   */
  private static void prepare(SyncEngine engine, Map<String, String> a) {
    if (nativeHooks(a)) {
      engine.admin().registerWebhook(BenchSetup.CONNECTION);
    }
    if (twoWay(a)) {
      engine.twoWay().registerWebhooks(BenchSetup.CONNECTION);
    }
    if (a.containsKey("backfill")) {
      engine.admin().backfill(BenchSetup.CONNECTION);
    }
  }

  /** The servlets (no dashboard) on Jetty, on a free loopback port. */
  private static ServerConnector serve(Server server, SyncEngine engine) throws Exception {
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    connector.setAcceptQueueSize(1024);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    SyncServlets servlets = SyncServlets.builder(engine).dashboard(false).build();
    ServletContainerInitializer init = (classes, ctx) -> servlets.register(ctx);
    context.addServletContainerInitializer(init);
    server.setHandler(context);
    server.start();
    return connector;
  }

  /** Blocks until the harness writes {@code STOP} (or closes stdin). */
  private static void awaitStop() throws java.io.IOException {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null && !line.trim().equals("STOP")) {
      // wait for the harness
    }
  }

  /**
   * Samples every 20 ms the used heap (garbage included: what the heap had to hold) and the heap
   * left after the latest collections (the live set).
   */
  private static void sampleHeap(AtomicLong peak, AtomicLong peakLive) {
    Runtime rt = Runtime.getRuntime();
    var pools =
        java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP)
            .filter(p -> p.getCollectionUsage() != null)
            .toList();
    while (true) {
      long used = rt.totalMemory() - rt.freeMemory();
      peak.accumulateAndGet(used, Math::max);
      long live = 0;
      for (var p : pools) {
        live += p.getCollectionUsage().getUsed();
      }
      peakLive.accumulateAndGet(live, Math::max);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
