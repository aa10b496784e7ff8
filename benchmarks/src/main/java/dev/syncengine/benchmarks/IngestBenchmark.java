package dev.syncengine.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.syncengine.benchmarks.e2e.BenchSetup;
import dev.syncengine.benchmarks.e2e.Workload;
import dev.syncengine.core.IngestRequest;
import dev.syncengine.core.IngestResult;
import dev.syncengine.core.SyncEngine;
import dev.syncengine.core.crypto.SecretBox;
import dev.syncengine.core.mapping.DefaultMappingCompiler;
import dev.syncengine.core.signing.StandardWebhooks;
import dev.syncengine.core.spi.Stores;
import dev.syncengine.smartsuite.SmartSuiteSource;
import dev.syncengine.store.jdbc.JdbcStoreOptions;
import dev.syncengine.store.jdbc.JdbcStores;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Signed SmartSuite pushes accepted per second by {@code SyncEngine.ingest} into PostgreSQL, in
 * process (no HTTP): Standard Webhooks verification, parsing, the queue upsert with coalescing and
 * the idempotency key, one transaction each. 16 threads stand in for concurrent requests; no
 * workers run. The HTTP figure (servlet on Jetty, load generator on loopback) comes from {@code
 * benchmarks/run-e2e --mode ingest}.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar IngestBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@Fork(1)
@Threads(16)
public class IngestBenchmark {
  private static final int DELIVERIES = 200_000;

  private final AtomicInteger next = new AtomicInteger();
  private String adminUrl;
  private String database;
  private HikariDataSource pool;
  private SyncEngine engine;
  private List<Workload.Delivery> deliveries;
  private StandardWebhooks signer;

  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    adminUrl = BenchSetup.adminUrl();
    database = "sync_bench_ingest_" + ProcessHandle.current().pid();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(BenchSetup.freshDatabase(adminUrl, database));
    config.setMaximumPoolSize(16);
    pool = new HikariDataSource(config);
    JdbcStores jdbc =
        JdbcStores.create(
            pool,
            JdbcStoreOptions.builder()
                .secretBox(SecretBox.builder().key("bench", SecretBox.generateKey()).build())
                .build());
    Stores stores = jdbc.stores();
    engine =
        SyncEngine.builder()
            .stores(stores)
            .source(SmartSuiteSource.builder().build())
            .mappingCompiler(DefaultMappingCompiler.ofDefaults())
            .build();
    stores.connections().save(BenchSetup.connection("key", "account", "site", "collection", 100));
    // 200,000 distinct deliveries over 20,000 records: creates, updates, deletes, no redeliveries
    deliveries = Workload.generate(DELIVERIES, 20_000, 0, 0.05, 11L).deliveries();
    signer =
        new StandardWebhooks(
            List.of(BenchSetup.SIGNING_SECRET), Duration.ofMinutes(5), Clock.systemUTC());
  }

  @TearDown(Level.Trial)
  public void tearDown() throws SQLException {
    engine.close();
    pool.close();
    BenchSetup.execute(adminUrl, "DROP DATABASE IF EXISTS " + database);
  }

  /** One signed delivery accepted (verified, parsed, stored durably). */
  @Benchmark
  public IngestResult ingestOneSignedPush() {
    int i = next.getAndIncrement();
    Workload.Delivery d = deliveries.get(i % DELIVERIES);
    // past the workload's end, the same deliveries again under new ids: still new events
    String id = i < DELIVERIES ? d.id() : d.id() + "-" + (i / DELIVERIES);
    long ts = System.currentTimeMillis() / 1000;
    IngestRequest req =
        IngestRequest.builder(d.body())
            .contentType("application/json")
            .header(StandardWebhooks.ID_HEADER, id)
            .header(StandardWebhooks.TIMESTAMP_HEADER, Long.toString(ts))
            .header(StandardWebhooks.SIGNATURE_HEADER, signer.sign(id, ts, d.body()))
            .build();
    IngestResult r = engine.ingest(BenchSetup.CONNECTION, req);
    if (!(r instanceof IngestResult.Accepted)) {
      throw new IllegalStateException("not accepted: " + r);
    }
    return r;
  }
}
